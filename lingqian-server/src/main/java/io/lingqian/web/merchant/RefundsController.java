package io.lingqian.web.merchant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRefusal;
import io.lingqian.payment.Refund;
import io.lingqian.payment.RefundRefusal;
import io.lingqian.payment.Refunds;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.Yuan;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refunds in the merchant portal: a form on one of the merchant's orders that refunds through the
 * same service as the API, and the list of the merchant's refunds. The form carries a token made when
 * it was shown; the refund's out_refund_no is made from it, so submitting the form twice (a double
 * click, a reload) refunds once. Only the signed-in merchant's own orders and refunds.
 */
@Controller
class RefundsController {

    private static final int SHOWN = 100;
    /** Times as the merchant's orders state them: China Standard Time. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final int MAX_REASON = 80;

    private final MerchantAccounts accounts;
    private final PaymentOrders orders;
    private final Refunds refunds;

    RefundsController(MerchantAccounts accounts, PaymentOrders orders, Refunds refunds) {
        this.accounts = accounts;
        this.orders = orders;
        this.refunds = refunds;
    }

    @GetMapping("/merchant/orders/{outTradeNo}/refund")
    String form(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String outTradeNo, Model model) {
        long merchantId = merchantId(signedIn);
        return show(merchantId, order(merchantId, outTradeNo), newToken(), "", "", null, model);
    }

    @PostMapping("/merchant/orders/{outTradeNo}/refund")
    String refund(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String outTradeNo,
            @RequestParam String token, @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response,
            RedirectAttributes flash) {
        long merchantId = merchantId(signedIn);
        PaymentOrder order = order(merchantId, outTradeNo);
        if (!TOKEN.matcher(token).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        String why = reason.strip();
        Optional<Long> fen = Yuan.parse(amount).filter(f -> f > 0);
        String error = fen.isEmpty() ? "Enter the amount to refund in yuan, such as 12.50."
                : why.length() > MAX_REASON ? "Say why in at most " + MAX_REASON + " characters." : null;
        if (error == null) {
            try {
                Refund done = refunds.refund(merchantId, new NewRefund(null, outTradeNo, "portal-" + token,
                        why.isEmpty() ? null : why, null, fen.get(), order.totalFen(), List.of(),
                        digest(outTradeNo, fen.get(), why)));
                flash.addFlashAttribute("refunded", done.outRefundNo());
                return "redirect:/merchant/refunds";
            } catch (RefundRefusal refused) {
                if (refused.reason() == RefundRefusal.Reason.NOT_FOUND) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                error = switch (refused.reason()) {
                    case MERCHANT_BALANCE_SHORT -> "Your unsettled balance does not cover this refund.";
                    case PAYER_ACCOUNT_CLOSED -> "The payer's account is closed; refund them another way.";
                    case BANK_CHANNEL_UNAVAILABLE -> "The payer's bank cannot be paid at the moment; try again later.";
                    default -> "Not refunded: " + refused.getMessage() + ".";
                };
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return show(merchantId, order, token, amount, reason, error, model);
    }

    @GetMapping("/merchant/refunds")
    String list(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        model.addAttribute("refunds", refunds.recent(merchantId(signedIn), SHOWN));
        model.addAttribute("zone", CHINA);
        return "merchant/refunds";
    }

    private String show(long merchantId, PaymentOrder order, String token, String amount, String reason, String error,
            Model model) {
        model.addAttribute("order", order);
        model.addAttribute("refundable", refunds.refundable(order));
        model.addAttribute("refunds", refunds.ofOrder(merchantId, order));
        model.addAttribute("token", token);
        model.addAttribute("amount", amount);
        model.addAttribute("reason", reason);
        model.addAttribute("error", error);
        model.addAttribute("zone", CHINA);
        return "merchant/refund";
    }

    private PaymentOrder order(long merchantId, String outTradeNo) {
        try {
            return orders.byOutTradeNo(merchantId, outTradeNo);
        } catch (PaymentRefusal notFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static String newToken() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** What the form asked for: the same token with the same content is a repeat, with other content a reuse. */
    private static String digest(String outTradeNo, long fen, String reason) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("portal\n" + outTradeNo + "\n" + fen + "\n" + reason).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private long merchantId(SignedInUser signedIn) {
        return accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
    }
}
