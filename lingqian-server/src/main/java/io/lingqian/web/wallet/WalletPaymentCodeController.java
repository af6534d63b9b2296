package io.lingqian.web.wallet;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.payment.CashierOrder;
import io.lingqian.payment.PaymentCodeCashier;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.Yuan;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The payer's side of a payment code the merchant charged but that needs the payment password: the
 * waiting payments (console fragment polled by the payment-code page, and the REST API), and
 * declining one. Confirming is paying the order in the cashier ({@code /wallet/cashier?prepay_id=…}
 * or {@code POST /api/wallet/cashier/orders/{prepayId}/pay}).
 */
@Controller
@Tag(name = "Cashier")
class WalletPaymentCodeController {

    private final PaymentCodeCashier paymentCodes;

    WalletPaymentCodeController(PaymentCodeCashier paymentCodes) {
        this.paymentCodes = paymentCodes;
    }

    @GetMapping("/api/wallet/cashier/waiting")
    @ResponseBody
    @Operation(summary = "Payment-code payments a merchant charged that wait for the payment password, newest first")
    List<CashierOrder> waiting(@AuthenticationPrincipal SignedInUser me) {
        return paymentCodes.waiting(me.id());
    }

    @PostMapping("/api/wallet/cashier/orders/{prepayId}/cancel")
    @ResponseBody
    @Operation(summary = "Decline a waiting payment-code payment: the merchant's order fails (PAYERROR)")
    CashierOrder cancel(@AuthenticationPrincipal SignedInUser me, @PathVariable String prepayId) {
        return paymentCodes.cancel(me.id(), prepayId);
    }

    /** Polled by the payment-code page, so the payer sees the merchant's charge as soon as it arrives. */
    @GetMapping("/wallet/pay/waiting")
    String waitingFragment(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("waiting", paymentCodes.waiting(me.id()).stream()
                .map(o -> new Waiting(o.prepayId(), o.merchantName(), o.description(), Yuan.format(o.amountFen())))
                .toList());
        return "wallet/pay-waiting :: waiting";
    }

    record Waiting(String prepayId, String merchantName, String description, String amount) {
    }

    @PostMapping("/wallet/cashier/cancel")
    String cancelPage(@AuthenticationPrincipal SignedInUser me, @RequestParam String prepayId,
            RedirectAttributes redirect) {
        try {
            paymentCodes.cancel(me.id(), prepayId);
            redirect.addFlashAttribute("notice", "Payment declined; the merchant sees it failed.");
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/wallet/pay";
    }
}
