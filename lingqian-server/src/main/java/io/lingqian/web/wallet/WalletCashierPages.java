package io.lingqian.web.wallet;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import io.lingqian.marketing.Coupons;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.CashierOrder;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentReceipt;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.Yuan;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Scan and pay in the wallet console: paste a merchant's {@code code_url} or upload a picture of
 * its QR code, check merchant, description and amount in the cashier, and pay. The cashier page
 * ({@code /wallet/cashier?prepay_id=…}) is the one every scene opens.
 */
@Controller
class WalletCashierPages {

    private final Cashier cashier;
    private final PaymentSecurity security;
    private final WalletCards cards;
    private final Coupons coupons;

    WalletCashierPages(Cashier cashier, PaymentSecurity security, WalletCards cards, Coupons coupons) {
        this.coupons = coupons;
        this.cards = cards;
        this.cashier = cashier;
        this.security = security;
    }

    @GetMapping("/wallet/scan")
    String scanForm() {
        return "wallet/scan";
    }

    @PostMapping("/wallet/scan")
    String scan(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String codeUrl,
            RedirectAttributes redirect) {
        return toCashier(redirect, () -> cashier.scan(me.id(), codeUrl));
    }

    @PostMapping("/wallet/scan/image")
    String scanImage(@AuthenticationPrincipal SignedInUser me, @RequestParam("image") MultipartFile image,
            RedirectAttributes redirect) {
        return toCashier(redirect, () -> {
            try {
                return cashier.scan(me.id(), WalletCashierApiController.readQr(image.getBytes()));
            } catch (java.io.IOException e) {
                throw new ApiProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "unreadable_qr_code",
                        "The picture could not be uploaded; try again.");
            }
        });
    }

    private static String toCashier(RedirectAttributes redirect, java.util.function.Supplier<CashierOrder> find) {
        try {
            return "redirect:" + cashierPath(find.get().prepayId());
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/wallet/scan";
        }
    }

    private static String cashierPath(String prepayId) {
        return UriComponentsBuilder.fromPath("/wallet/cashier").queryParam("prepay_id", prepayId).build()
                .encode().toUriString();
    }

    @GetMapping("/wallet/cashier")
    String cashierPage(@AuthenticationPrincipal SignedInUser me, @RequestParam("prepay_id") String prepayId,
            @RequestParam(name = "redirect_url", required = false) String redirectUrl,
            Model model, RedirectAttributes redirect) {
        if (redirectUrl != null) {
            // an h5_url with the merchant's redirect_url: the H5 cashier returns the payer there
            return "redirect:" + UriComponentsBuilder.fromPath(WalletScenePages.H5).queryParam("prepay_id", prepayId)
                    .queryParam("redirect_url", "{r}").encode().buildAndExpand(redirectUrl).toUriString();
        }
        try {
            CashierOrder order = cashier.order(me.id(), prepayId);
            model.addAttribute("order", order);
            model.addAttribute("amount", Yuan.format(order.amountFen()));
            model.addAttribute("security", security.settings(me.id()));
            model.addAttribute("cards", cards.cards(me.id()));
            model.addAttribute("offers", order.payable()
                    ? coupons.offers(me.id(), cashier.orderOf(me.id(), prepayId)) : java.util.List.of());
            return "wallet/cashier";
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/wallet/scan";
        }
    }

    @PostMapping("/wallet/cashier/pay")
    String pay(@AuthenticationPrincipal SignedInUser me, @RequestParam String prepayId,
            @RequestParam(required = false) String paymentPassword, @RequestParam(required = false) Long cardId,
            @RequestParam(required = false) String couponId,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        try {
            PaymentReceipt receipt = cashier.pay(me.id(), DeviceIds.of(request), prepayId, paymentPassword, cardId,
                    PaymentHook.CouponChoice.parse(couponId));
            model.addAttribute("receipt", receipt);
            model.addAttribute("total", Yuan.format(receipt.totalFen()));
            model.addAttribute("paid", Yuan.format(receipt.payerTotalFen()));
            return "wallet/paid";
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:" + cashierPath(prepayId);
        }
    }
}
