package io.lingqian.web.admin;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.merchant.InvalidApplicationException;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantFees;
import io.lingqian.merchant.Settlements;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;

/**
 * Merchants' money, for staff with role FINANCE or ADMIN: a merchant's fee rate and settlement
 * cycle, recording a deposit as received, and the settlements that failed or whose outcome is unknown.
 */
@Controller
@PreAuthorize("hasAnyRole('FINANCE', 'ADMIN')")
class MerchantFinanceController {

    private final MerchantAccounts accounts;
    private final MerchantApplications applications;
    private final MerchantFees fees;
    private final Settlements settlements;

    MerchantFinanceController(MerchantAccounts accounts, MerchantApplications applications, MerchantFees fees,
            Settlements settlements) {
        this.accounts = accounts;
        this.applications = applications;
        this.fees = fees;
        this.settlements = settlements;
    }

    @GetMapping("/admin/merchants/{merchantId}/fees")
    String fees(@PathVariable long merchantId, Model model) {
        model.addAttribute("merchant", accounts.merchant(merchantId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("rate", fees.rateOf(merchantId));
        model.addAttribute("balance", settlements.balance(merchantId));
        model.addAttribute("merchantApplication", applications.ofMerchant(merchantId).orElse(null));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "admin/merchant-fees";
    }

    @PostMapping("/admin/merchants/{merchantId}/fees")
    String setFees(@PathVariable long merchantId, @RequestParam int rateBasisPoints, @RequestParam int settlementDays,
            @RequestParam String reason, @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        try {
            fees.override(merchantId, rateBasisPoints, settlementDays, reason, MerchantReviewController.actor(staff));
            redirect.addFlashAttribute("notice", "Saved.");
        } catch (InvalidApplicationException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
        }
        return "redirect:/admin/merchants/" + merchantId + "/fees";
    }

    @PostMapping("/admin/merchants/applications/{id}/deposit")
    String depositReceived(@PathVariable long id, @AuthenticationPrincipal SignedInUser staff,
            RedirectAttributes redirect) {
        long merchantId = applications.application(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).merchantId();
        try {
            applications.recordDepositReceived(id, MerchantReviewController.actor(staff));
            redirect.addFlashAttribute("notice", "Deposit recorded; the merchant is active.");
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/merchants/" + merchantId + "/fees";
    }

    @GetMapping("/admin/merchants/settlements")
    String settlements(Model model) {
        model.addAttribute("settlements", settlements.needingAttention());
        return "admin/merchant-settlements";
    }
}
