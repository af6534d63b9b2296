package io.lingqian.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

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

import io.lingqian.audit.AuditLog;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.risk.Feature;
import io.lingqian.risk.AmountHolds;
import io.lingqian.risk.RiskBlacklist;
import io.lingqian.risk.RiskCase;
import io.lingqian.risk.RiskCases;
import io.lingqian.risk.RiskRules;
import io.lingqian.risk.WalletFreezes;
import io.lingqian.wallet.WalletUsers;

/**
 * Risk control in the admin console, for staff with role RISK or ADMIN: cases and what to do about
 * them (clear, confirm fraud, freeze, approve or refuse an unfreeze, blacklist), the rules editor,
 * the blacklist, and the audit log. Every action is written to the case's trail and the audit log.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'RISK')")
class RiskAdminController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final RiskCases cases;
    private final RiskRules rules;
    private final RiskBlacklist blacklist;
    private final WalletFreezes freezes;
    private final AmountHolds holds;
    private final WalletUsers users;
    private final AuditLog audit;
    private final java.time.Clock clock;

    RiskAdminController(RiskCases cases, RiskRules rules, RiskBlacklist blacklist, WalletFreezes freezes,
            AmountHolds holds, WalletUsers users, AuditLog audit, java.time.Clock clock) {
        this.holds = holds;
        this.clock = clock;
        this.cases = cases;
        this.rules = rules;
        this.blacklist = blacklist;
        this.freezes = freezes;
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/admin/risk/cases")
    String cases(@RequestParam(required = false) RiskCase.State state, @RequestParam(required = false) Long user,
            Model model) {
        model.addAttribute("state", state);
        model.addAttribute("user", user);
        model.addAttribute("states", RiskCase.State.values());
        model.addAttribute("cases", cases.list(state, user, 200));
        model.addAttribute("unfreezeRequests", freezes.unfreezeRequests("PENDING_APPROVAL", null));
        return "admin/risk-cases";
    }

    @GetMapping("/admin/risk/cases/{id}")
    String detail(@PathVariable long id, Model model) {
        RiskCase c = cases.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("riskCase", c);
        model.addAttribute("walletUser", users.byId(c.userId()).orElse(null));
        model.addAttribute("trail", cases.trail(id));
        model.addAttribute("activity", cases.recentActivity(c.userId(), 30));
        model.addAttribute("devices", cases.recentDevices(c.userId()));
        model.addAttribute("cards", cases.recentCards(c.userId()));
        model.addAttribute("freeze", freezes.active(c.userId()).orElse(null));
        model.addAttribute("unfreezeRequests", freezes.unfreezeRequests(null, c.userId()));
        model.addAttribute("holds", holds.ofUser(c.userId()));
        model.addAttribute("holdKey", java.util.UUID.randomUUID().toString());
        return "admin/risk-case";
    }

    @PostMapping("/admin/risk/cases/{id}/clear")
    String clear(@PathVariable long id, @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(id, redirect, () -> cases.clear(id, staff.id(), staff.displayName(), note));
    }

    @PostMapping("/admin/risk/cases/{id}/confirm-fraud")
    String confirmFraud(@PathVariable long id, @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(id, redirect, () -> cases.confirmFraud(id, staff.id(), staff.displayName(), note));
    }

    /** Freezes the case's wallet, for {@code hours} or until lifted. */
    @PostMapping("/admin/risk/cases/{id}/freeze")
    String freeze(@PathVariable long id, @RequestParam String reason, @RequestParam(required = false) Integer hours,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            RiskCase c = cases.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            Instant expires = hours == null ? null : freezeExpiry(hours);
            freezes.freezeByStaff(c.userId(), reason, expires, staff.id(), staff.displayName());
            cases.note(id, "STAFF_FREEZE", staff.displayName(), reason);
        });
    }

    /** Holds part of the balance; the form's key makes a repeated submission hold once. */
    @PostMapping("/admin/risk/cases/{id}/holds")
    String hold(@PathVariable long id, @RequestParam String amount, @RequestParam String reason,
            @RequestParam(required = false) Integer hours, @RequestParam String key,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            RiskCase c = cases.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            long fen = io.lingqian.wallet.Yuan.parse(amount).orElseThrow(() -> new ApiProblemException(
                    HttpStatus.BAD_REQUEST, "invalid_amount", "Enter the amount in yuan, e.g. 100.00."));
            holds.hold(key, c.userId(), fen, reason, hours == null ? null : freezeExpiry(hours), staff.id(),
                    staff.displayName());
        });
    }

    @PostMapping("/admin/risk/cases/{id}/holds/{holdId}/release")
    String release(@PathVariable long id, @PathVariable long holdId, @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            RiskCase c = cases.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            if (holds.get(holdId).userId() != c.userId()) {
                throw new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such hold on this case's wallet.");
            }
            holds.release(holdId, staff.id(), staff.displayName(), note);
        });
    }

    @PostMapping("/admin/risk/cases/{id}/blacklist")
    String blacklist(@PathVariable long id, @RequestParam String kind, @RequestParam String entry,
            @RequestParam String reason, @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            blacklist.add(kind, entry, reason, staff.id(), staff.displayName());
            cases.note(id, "BLACKLISTED", staff.displayName(), kind + ":" + entry + " — " + reason);
        });
    }

    @PostMapping("/admin/risk/unfreeze-requests/{requestId}/approve")
    String approve(@PathVariable long requestId, @RequestParam(defaultValue = "") String note,
            @RequestParam long caseId, @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(caseId, redirect, () -> freezes.approveUnfreeze(requestId, staff.id(), staff.displayName(), note));
    }

    @PostMapping("/admin/risk/unfreeze-requests/{requestId}/reject")
    String reject(@PathVariable long requestId, @RequestParam(defaultValue = "") String note,
            @RequestParam long caseId, @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(caseId, redirect, () -> freezes.rejectUnfreeze(requestId, staff.id(), staff.displayName(), note));
    }

    @GetMapping("/admin/risk/rules")
    String rules(@RequestParam(required = false) Long version, Model model) {
        model.addAttribute("current", rules.current());
        model.addAttribute("versions", rules.versions(30));
        model.addAttribute("shown", version == null ? null : rules.version(version).orElse(null));
        model.addAttribute("features", Feature.NAMES);
        if (!model.containsAttribute("source")) {
            model.addAttribute("source", rules.current().source());
        }
        model.addAttribute("blacklist", blacklist.entries());
        return "admin/risk-rules";
    }

    @PostMapping("/admin/risk/rules")
    String saveRules(@RequestParam String source, @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        try {
            long version = rules.save(source, staff.id(), staff.displayName(), note).version();
            redirect.addFlashAttribute("notice", "Version " + version + " is in force.");
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("source", source);
        }
        return "redirect:/admin/risk/rules";
    }

    @PostMapping("/admin/risk/blacklist/remove")
    String removeBlacklisted(@RequestParam String kind, @RequestParam String entry,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        try {
            blacklist.remove(kind, entry, staff.id(), staff.displayName());
            redirect.addFlashAttribute("notice", "Removed " + kind + ":" + entry + ".");
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/risk/rules";
    }

    /** The audit log, filtered by actor, kind and China Standard Time days (from inclusive, to inclusive). */
    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String kind,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("kind", kind);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("kinds", audit.kinds());
        model.addAttribute("entries", audit.search(new AuditLog.Filter(actor, kind,
                from == null ? null : from.atStartOfDay(CHINA).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(CHINA).toInstant()), 300));
        return "admin/audit";
    }

    private Instant freezeExpiry(int hours) {
        if (hours < 1 || hours > 24 * 365) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_expiry", "An expiry is 1 hour to 1 year.");
        }
        return clock.instant().plus(Duration.ofHours(hours));
    }

    private static String act(long caseId, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", "Done.");
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/risk/cases/" + caseId;
    }
}
