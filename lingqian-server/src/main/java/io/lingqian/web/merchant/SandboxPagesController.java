package io.lingqian.web.merchant;

import java.time.Duration;
import java.time.ZoneId;

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
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.RefundRefusal;
import io.lingqian.payment.RefundStatus;
import io.lingqian.payment.Refunds;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.sandbox.Sandbox;
import io.lingqian.sandbox.SandboxPayers;
import io.lingqian.sandbox.SandboxRefusal;
import io.lingqian.sandbox.SandboxRule;

/**
 * The portal's Sandbox page (docs/sandbox.md): the switch, the rules, the notification faults, paying
 * an order as the test payer and releasing a held refund: the same controls as {@code /v3/sandbox}, for
 * the signed-in merchant only. A refusal is shown on the page; nothing changes.
 */
@Controller
class SandboxPagesController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MerchantAccounts accounts;
    private final Sandbox sandbox;
    private final SandboxPayers payers;
    private final Refunds refunds;

    SandboxPagesController(MerchantAccounts accounts, Sandbox sandbox, SandboxPayers payers, Refunds refunds) {
        this.accounts = accounts;
        this.sandbox = sandbox;
        this.payers = payers;
        this.refunds = refunds;
    }

    @GetMapping("/merchant/sandbox")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        long merchantId = merchantId(signedIn);
        model.addAttribute("settings", sandbox.settings(merchantId));
        model.addAttribute("rules", sandbox.rules(merchantId));
        model.addAttribute("available", sandbox.available());
        model.addAttribute("clockMovable", sandbox.clockMovable());
        model.addAttribute("outcomes", SandboxRule.Outcome.values());
        model.addAttribute("zone", CHINA);
        return "merchant/sandbox";
    }

    @PostMapping("/merchant/sandbox/enabled")
    String enable(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam boolean on, RedirectAttributes flash) {
        return act(flash, () -> sandbox.setEnabled(merchantId(signedIn), on),
                on ? "Sandbox controls are on." : "Sandbox controls are off.");
    }

    @PostMapping("/merchant/sandbox/rules")
    String addRule(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam SandboxRule.Outcome outcome,
            @RequestParam(required = false) String pattern, RedirectAttributes flash) {
        String glob = pattern == null || pattern.isBlank() ? null : pattern.strip();
        return act(flash, () -> sandbox.addRule(merchantId(signedIn), outcome.target(), glob, outcome),
                "Rule added.");
    }

    @PostMapping("/merchant/sandbox/rules/{id}/delete")
    String deleteRule(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id, RedirectAttributes flash) {
        try {
            sandbox.deleteRule(merchantId(signedIn), id);
        } catch (SandboxRefusal notFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        flash.addFlashAttribute("done", "Rule deleted.");
        return "redirect:/merchant/sandbox";
    }

    @PostMapping("/merchant/sandbox/notification-faults")
    String faults(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam int duplicates,
            @RequestParam int delaySeconds, @RequestParam int reorderWindowSeconds, RedirectAttributes flash) {
        return act(flash, () -> sandbox.setNotificationFaults(merchantId(signedIn), duplicates,
                Duration.ofSeconds(delaySeconds), Duration.ofSeconds(reorderWindowSeconds)), "Notification faults saved.");
    }

    @PostMapping("/merchant/sandbox/pay")
    String pay(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String outTradeNo, RedirectAttributes flash) {
        long merchantId = merchantId(signedIn);
        try {
            PaymentOrder paid = payers.pay(merchantId, outTradeNo.strip());
            flash.addFlashAttribute("done", "Order " + paid.outTradeNo() + " paid by the test payer ("
                    + paid.transactionId() + ").");
        } catch (SandboxRefusal refused) {
            flash.addFlashAttribute("refused", refused.getMessage());
        }
        return "redirect:/merchant/sandbox";
    }

    @PostMapping("/merchant/sandbox/release")
    String release(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String outRefundNo,
            @RequestParam RefundStatus status, RedirectAttributes flash) {
        long merchantId = merchantId(signedIn);
        try {
            sandbox.requireActive(merchantId);
            refunds.releaseHeld(merchantId, outRefundNo.strip(), status);
            flash.addFlashAttribute("done", "Refund " + outRefundNo.strip() + " released as " + status + ".");
        } catch (SandboxRefusal | RefundRefusal refused) {
            flash.addFlashAttribute("refused", refused.getMessage());
        }
        return "redirect:/merchant/sandbox";
    }

    private static String act(RedirectAttributes flash, Runnable change, String done) {
        try {
            change.run();
            flash.addFlashAttribute("done", done);
        } catch (SandboxRefusal refused) {
            flash.addFlashAttribute("refused", refused.getMessage());
        }
        return "redirect:/merchant/sandbox";
    }

    private long merchantId(SignedInUser signedIn) {
        return accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
    }
}
