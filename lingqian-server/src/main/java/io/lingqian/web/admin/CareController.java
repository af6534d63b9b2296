package io.lingqian.web.admin;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.care.Claim;
import io.lingqian.care.ClaimState;
import io.lingqian.care.Claims;
import io.lingqian.care.CompensationFund;
import io.lingqian.care.Complaint;
import io.lingqian.care.Complaints;
import io.lingqian.care.Ticket;
import io.lingqian.care.Tickets;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.WalletHistory;
import io.lingqian.wallet.Yuan;

/**
 * Customer care in the admin console. Compensation claims: SUPPORT, RISK and ADMIN see them; only RISK
 * and ADMIN decide them. The compensation fund: FINANCE and ADMIN move operator capital into it.
 * Complaints: SUPPORT, RISK and ADMIN see them; SUPPORT and ADMIN escalate an overdue one, refunding
 * the user from the merchant's funds. Support tickets: SUPPORT and ADMIN work the queue.
 */
@Controller
class CareController {

    private static final int RECENT_BILLS = 20;

    private final Claims claims;
    private final CompensationFund fund;
    private final Complaints complaints;
    private final Tickets tickets;
    private final WalletHistory history;
    private final Clock clock;
    private final io.lingqian.audit.AuditLog audit;
    private final io.lingqian.risk.RiskCases riskCases;

    CareController(Claims claims, CompensationFund fund, Complaints complaints, Tickets tickets,
            WalletHistory history, Clock clock, io.lingqian.audit.AuditLog audit,
            io.lingqian.risk.RiskCases riskCases) {
        this.audit = audit;
        this.riskCases = riskCases;
        this.claims = claims;
        this.fund = fund;
        this.complaints = complaints;
        this.tickets = tickets;
        this.history = history;
        this.clock = clock;
    }

    @ModelAttribute("zone")
    ZoneId zone() {
        return clock.getZone();
    }

    static String actor(SignedInUser staff) {
        return "staff:" + staff.getUsername();
    }

    @GetMapping("/admin/care/claims")
    @PreAuthorize("hasAnyRole('SUPPORT', 'RISK', 'ADMIN')")
    String claims(@RequestParam(required = false) ClaimState state, Model model) {
        model.addAttribute("claims", claims.queue(state));
        model.addAttribute("state", state == null ? "" : state.name());
        model.addAttribute("states", ClaimState.values());
        model.addAttribute("fundFen", fund.balanceFen());
        return "admin/care/claims";
    }

    @GetMapping("/admin/care/claims/{id}")
    @PreAuthorize("hasAnyRole('SUPPORT', 'RISK', 'ADMIN')")
    String claim(@PathVariable long id, Model model) {
        Claim claim = claims.claim(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("claim", claim);
        model.addAttribute("events", claims.events(id));
        model.addAttribute("bills", history.bills(claim.userId(), null, null).stream().limit(RECENT_BILLS).toList());
        model.addAttribute("paidThisYearFen", claims.approvedThisYearFen(claim.userId()));
        model.addAttribute("capFen", claims.yearlyCapFen());
        model.addAttribute("fundFen", fund.balanceFen());
        // the risk engine's view of the user, for the investigation: their newest case and its attempts
        riskCases.list(null, claim.userId(), 1).stream().findFirst().ifPresent(c -> {
            model.addAttribute("riskCase", c);
            model.addAttribute("riskActivity", riskCases.recentActivity(claim.userId(), 15));
        });
        return "admin/care/claim";
    }

    @PostMapping("/admin/care/claims/{id}/investigate")
    @PreAuthorize("hasAnyRole('RISK', 'ADMIN')")
    String investigate(@PathVariable long id, @AuthenticationPrincipal SignedInUser staff, RedirectAttributes flash) {
        return act(id, flash, "Investigating.", () -> {
            claims.investigate(id, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "CLAIM_INVESTIGATING", "claim:" + id, "");
        });
    }

    @PostMapping("/admin/care/claims/{id}/approve")
    @PreAuthorize("hasAnyRole('RISK', 'ADMIN')")
    String approve(@PathVariable long id, @RequestParam String amount, @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes flash) {
        Optional<Long> fen = Yuan.parse(amount);
        if (fen.isEmpty()) {
            flash.addFlashAttribute("problem", "Enter the amount to pay in yuan, such as 12.50.");
            return "redirect:/admin/care/claims/" + id;
        }
        return act(id, flash, "Approved and paid.", () -> {
            claims.approve(id, fen.get(), note, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "CLAIM_APPROVED", "claim:" + id, fen.get() + " fen" + (note.isBlank() ? "" : ": " + note));
        });
    }

    @PostMapping("/admin/care/claims/{id}/reject")
    @PreAuthorize("hasAnyRole('RISK', 'ADMIN')")
    String reject(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes flash) {
        return act(id, flash, "Rejected.", () -> {
            claims.reject(id, reason, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "CLAIM_REJECTED", "claim:" + id, reason);
        });
    }

    private static String act(long id, RedirectAttributes flash, String done, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", done);
        } catch (ApiProblemException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            flash.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/admin/care/claims/" + id;
    }

    @GetMapping("/admin/care/fund")
    @PreAuthorize("hasAnyRole('FINANCE', 'RISK', 'ADMIN')")
    String fund(Model model) {
        model.addAttribute("fundFen", fund.balanceFen());
        model.addAttribute("capitalFen", fund.operatorCapitalFen());
        model.addAttribute("allocations", fund.recentAllocations(20));
        model.addAttribute("token", UUID.randomUUID().toString().replace("-", ""));
        return "admin/care/fund";
    }

    @PostMapping("/admin/care/fund/allocate")
    @PreAuthorize("hasAnyRole('FINANCE', 'ADMIN')")
    String allocate(@RequestParam String token, @RequestParam String amount,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes flash) {
        Optional<Long> fen = Yuan.parse(amount);
        if (fen.isEmpty()) {
            flash.addFlashAttribute("problem", "Enter the amount in yuan, such as 10000.00.");
            return "redirect:/admin/care/fund";
        }
        try {
            fund.allocate(token, fen.get(), actor(staff));
            audit.staff(staff.id(), staff.displayName(), "FUND_ALLOCATED", "fund:compensation", fen.get() + " fen");
            flash.addFlashAttribute("notice", Yuan.format(fen.get()) + " allocated to the compensation fund.");
        } catch (ApiProblemException refused) {
            flash.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/admin/care/fund";
    }

    // --- complaints ---------------------------------------------------------------------------------

    @GetMapping("/admin/care/complaints")
    @PreAuthorize("hasAnyRole('SUPPORT', 'RISK', 'ADMIN')")
    String complaints(@RequestParam(defaultValue = "false") boolean overdue, Model model) {
        model.addAttribute("complaints", complaints.forStaff(overdue));
        model.addAttribute("overdue", overdue);
        return "admin/care/complaints";
    }

    @GetMapping("/admin/care/complaints/{complaintId}")
    @PreAuthorize("hasAnyRole('SUPPORT', 'RISK', 'ADMIN')")
    String complaint(@PathVariable String complaintId, Model model) {
        Complaint complaint = complaints.complaint(complaintId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("complaint", complaint);
        model.addAttribute("history", complaints.history(complaint));
        return "admin/care/complaint";
    }

    /** Runs the deadline job now, rather than waiting for its schedule (a sandbox with a moved clock). */
    @PostMapping("/admin/care/complaints/check-deadlines")
    @PreAuthorize("hasAnyRole('SUPPORT', 'ADMIN')")
    String checkDeadlines(RedirectAttributes flash) {
        flash.addFlashAttribute("notice", complaints.markOverdue() + " complaints newly overdue.");
        return "redirect:/admin/care/complaints?overdue=true";
    }

    @PostMapping("/admin/care/complaints/{complaintId}/escalate")
    @PreAuthorize("hasAnyRole('SUPPORT', 'ADMIN')")
    String escalate(@PathVariable String complaintId, @RequestParam(defaultValue = "") String amount,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes flash) {
        Optional<Long> fen = amount.isBlank() ? Optional.empty() : Yuan.parse(amount);
        if (!amount.isBlank() && fen.isEmpty()) {
            flash.addFlashAttribute("problem", "Enter the refund in yuan, such as 12.50, or leave it empty.");
        } else {
            try {
                complaints.escalate(complaintId, fen.orElse(null), actor(staff));
                audit.staff(staff.id(), staff.displayName(), "COMPLAINT_ESCALATED", "complaint:" + complaintId,
                        fen.map(f -> f + " fen").orElse("what the user asked for"));
                flash.addFlashAttribute("notice", "Escalated: the user is refunded from the merchant's funds.");
            } catch (ApiProblemException refused) {
                if (refused.status() == HttpStatus.NOT_FOUND) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                flash.addFlashAttribute("problem", refused.getMessage());
            }
        }
        return "redirect:/admin/care/complaints/" + complaintId;
    }

    // --- support tickets ------------------------------------------------------------------------------

    @GetMapping("/admin/care/tickets")
    @PreAuthorize("hasAnyRole('SUPPORT', 'ADMIN')")
    String tickets(@RequestParam(defaultValue = "false") boolean all, Model model) {
        model.addAttribute("tickets", tickets.queue(!all));
        model.addAttribute("all", all);
        model.addAttribute("now", clock.instant());
        return "admin/care/tickets";
    }

    @GetMapping("/admin/care/tickets/{id}")
    @PreAuthorize("hasAnyRole('SUPPORT', 'ADMIN')")
    String ticket(@PathVariable long id, Model model) {
        Ticket ticket = tickets.ticket(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("ticket", ticket);
        model.addAttribute("messages", tickets.messages(ticket));
        model.addAttribute("overdue", tickets.overdue(ticket));
        return "admin/care/ticket";
    }

    @PostMapping("/admin/care/tickets/{id}/reply")
    @PreAuthorize("hasAnyRole('SUPPORT', 'ADMIN')")
    String replyToTicket(@PathVariable long id, @RequestParam(defaultValue = "") String text,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes flash) {
        return ticketStep(id, flash, "Reply sent.", () -> {
            tickets.reply(id, text, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "TICKET_REPLIED", "ticket:" + id, "");
        });
    }

    @PostMapping("/admin/care/tickets/{id}/close")
    @PreAuthorize("hasAnyRole('SUPPORT', 'ADMIN')")
    String closeTicket(@PathVariable long id, @AuthenticationPrincipal SignedInUser staff, RedirectAttributes flash) {
        return ticketStep(id, flash, "Closed.", () -> {
            tickets.close(id, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "TICKET_CLOSED", "ticket:" + id, "");
        });
    }

    private static String ticketStep(long id, RedirectAttributes flash, String done, Runnable step) {
        try {
            step.run();
            flash.addFlashAttribute("notice", done);
        } catch (ApiProblemException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            flash.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/admin/care/tickets/" + id;
    }
}
