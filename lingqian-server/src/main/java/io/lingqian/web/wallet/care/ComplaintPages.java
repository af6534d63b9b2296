package io.lingqian.web.wallet.care;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.care.Complaint;
import io.lingqian.care.ComplaintKind;
import io.lingqian.care.Complaints;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.WalletHistory;
import io.lingqian.wallet.Yuan;

/**
 * The wallet's complaint pages (bill → 对订单有疑惑 → 投诉商家, domain rules §8): the form on one of the
 * user's payment bills, the user's complaints, and one complaint with the merchant's answers.
 */
@Controller
class ComplaintPages {

    private final Complaints complaints;
    private final WalletHistory history;
    private final Clock clock;

    ComplaintPages(Complaints complaints, WalletHistory history, Clock clock) {
        this.complaints = complaints;
        this.history = history;
        this.clock = clock;
    }

    @ModelAttribute("zone")
    ZoneId zone() {
        return clock.getZone();
    }

    @GetMapping("/wallet/complaints")
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("complaints", complaints.ofUser(me.id()));
        return "wallet/care/complaints";
    }

    @GetMapping("/wallet/complaints/new")
    String form(@AuthenticationPrincipal SignedInUser me, @RequestParam String bill, Model model) {
        model.addAttribute("bill", Found.orNotFound(() -> history.bill(me.id(), bill)));
        model.addAttribute("kinds", ComplaintKind.values());
        return "wallet/care/complaint-new";
    }

    @PostMapping("/wallet/complaints")
    String file(@AuthenticationPrincipal SignedInUser me, @RequestParam String bill,
            @RequestParam(required = false) ComplaintKind kind, @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String refund, RedirectAttributes flash) {
        Optional<Long> fen = refund.isBlank() ? Optional.empty() : Yuan.parse(refund);
        if (!refund.isBlank() && fen.isEmpty()) {
            flash.addFlashAttribute("error", "Enter the refund in yuan, such as 12.50, or leave it empty.");
            return "redirect:/wallet/complaints/new?bill=" + bill;
        }
        try {
            Complaint complaint = complaints.file(me.id(), bill, kind, description, fen.orElse(null));
            flash.addFlashAttribute("message", "Complaint sent to the merchant, who must answer within 24 hours.");
            return "redirect:/wallet/complaints/" + complaint.complaintId();
        } catch (ApiProblemException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
            return "redirect:/wallet/complaints";
        }
    }

    @GetMapping("/wallet/complaints/{complaintId}")
    String complaint(@AuthenticationPrincipal SignedInUser me, @PathVariable String complaintId, Model model) {
        Complaint complaint = Found.orNotFound(() -> complaints.ofUser(me.id(), complaintId));
        model.addAttribute("complaint", complaint);
        model.addAttribute("history", complaints.history(complaint));
        return "wallet/care/complaint";
    }
}
