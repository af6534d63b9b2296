package io.lingqian.web.merchant;

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

import io.lingqian.care.Complaint;
import io.lingqian.care.Complaints;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;

/**
 * Complaints about the signed-in merchant's payments in the portal: the list with the deadlines, one
 * complaint with its history, answering it and completing it (the same service as the v3 API). A
 * refund of the order, from its refund form, also resolves it. Another merchant's complaint is 404.
 */
@Controller
class ComplaintsController {

    private static final int SHOWN = 100;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MerchantAccounts accounts;
    private final Complaints complaints;

    ComplaintsController(MerchantAccounts accounts, Complaints complaints) {
        this.accounts = accounts;
        this.complaints = complaints;
    }

    @GetMapping("/merchant/complaints")
    String list(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        model.addAttribute("complaints", complaints.recentOfMerchant(merchantId(signedIn), SHOWN));
        model.addAttribute("zone", CHINA);
        return "merchant/complaints";
    }

    @GetMapping("/merchant/complaints/{complaintId}")
    String complaint(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String complaintId, Model model) {
        Complaint complaint = complaint(merchantId(signedIn), complaintId);
        model.addAttribute("complaint", complaint);
        model.addAttribute("history", complaints.history(complaint));
        model.addAttribute("zone", CHINA);
        return "merchant/complaint";
    }

    @PostMapping("/merchant/complaints/{complaintId}/respond")
    String respond(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String complaintId,
            @RequestParam(defaultValue = "") String content, RedirectAttributes flash) {
        long merchantId = merchantId(signedIn);
        complaint(merchantId, complaintId);
        return act(complaintId, flash, "Answer sent.", () -> complaints.respond(merchantId, complaintId, content));
    }

    @PostMapping("/merchant/complaints/{complaintId}/complete")
    String complete(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String complaintId,
            RedirectAttributes flash) {
        long merchantId = merchantId(signedIn);
        complaint(merchantId, complaintId);
        return act(complaintId, flash, "Complaint completed.", () -> complaints.complete(merchantId, complaintId));
    }

    private static String act(String complaintId, RedirectAttributes flash, String done, Runnable step) {
        try {
            step.run();
            flash.addFlashAttribute("notice", done);
        } catch (ApiProblemException refused) {
            flash.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/merchant/complaints/" + complaintId;
    }

    private Complaint complaint(long merchantId, String complaintId) {
        try {
            return complaints.ofMerchant(merchantId, complaintId);
        } catch (ApiProblemException notFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private long merchantId(SignedInUser signedIn) {
        return accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
    }
}
