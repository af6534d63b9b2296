package io.lingqian.web.admin;

import java.util.LinkedHashMap;
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

import io.lingqian.merchant.Actor;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.ApplicationState;
import io.lingqian.merchant.InvalidApplicationException;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplication;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;

/**
 * The merchant review queue and an application's detail, history and decisions. Reviewing is for
 * staff with role ADMIN or SUPPORT; suspending, resuming and closing a live merchant for ADMIN only.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'SUPPORT')")
class MerchantReviewController {

    private final MerchantApplications applications;
    private final MerchantAccounts accounts;
    private final io.lingqian.audit.AuditLog audit;
    private final io.lingqian.partner.ServiceProviders providers;

    MerchantReviewController(MerchantApplications applications, MerchantAccounts accounts,
            io.lingqian.audit.AuditLog audit, io.lingqian.partner.ServiceProviders providers) {
        this.providers = providers;
        this.audit = audit;
        this.applications = applications;
        this.accounts = accounts;
    }

    @GetMapping("/admin/merchants/applications")
    String queue(@RequestParam(required = false) ApplicationState state, Model model) {
        model.addAttribute("state", state);
        model.addAttribute("states", ApplicationState.values());
        var queue = applications.queue(state);
        model.addAttribute("applications", queue);
        Map<Long, String> labels = new java.util.HashMap<>();
        queue.forEach(a -> providers.reviewLabel(a.merchantId()).ifPresent(l -> labels.put(a.merchantId(), l)));
        model.addAttribute("labels", labels);
        return "admin/merchant-applications";
    }

    @GetMapping("/admin/merchants/applications/{id}")
    String detail(@PathVariable long id, Model model) {
        MerchantApplication app = applications.application(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("merchantApplication", app);
        model.addAttribute("merchant", accounts.merchant(app.merchantId()).orElseThrow());
        model.addAttribute("label", providers.reviewLabel(app.merchantId()).orElse(null));
        model.addAttribute("history", applications.history(id));
        model.addAttribute("fields", ApplicationForm.FIELDS);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "admin/merchant-application";
    }

    @PostMapping("/admin/merchants/applications/{id}/review")
    String review(@PathVariable long id, @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            applications.startReview(id, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "MERCHANT_REVIEW_STARTED", "merchant-application:" + id, "");
        });
    }

    @PostMapping("/admin/merchants/applications/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            applications.approve(id, actor(staff), note);
            audit.staff(staff.id(), staff.displayName(), "MERCHANT_APPROVED", "merchant-application:" + id, note);
        });
    }

    /** Reasons come as {@code reason.<field>} parameters, one per field of the application. */
    @PostMapping("/admin/merchants/applications/{id}/reject")
    String reject(@PathVariable long id, @RequestParam Map<String, String> params,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        Map<String, String> reasons = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("reason.")) {
                reasons.put(name.substring("reason.".length()), value);
            }
        });
        return act(id, redirect, () -> {
            applications.reject(id, reasons, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "MERCHANT_REJECTED", "merchant-application:" + id, String.join(", ", reasons.keySet()));
        });
    }

    @PostMapping("/admin/merchants/applications/{id}/suspend")
    @PreAuthorize("hasRole('ADMIN')")
    String suspend(@PathVariable long id, @RequestParam String reason, @AuthenticationPrincipal SignedInUser staff,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            applications.suspend(id, reason, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "MERCHANT_SUSPENDED", "merchant-application:" + id, reason);
        });
    }

    @PostMapping("/admin/merchants/applications/{id}/resume")
    @PreAuthorize("hasRole('ADMIN')")
    String resume(@PathVariable long id, @RequestParam String reason, @AuthenticationPrincipal SignedInUser staff,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            applications.resume(id, reason, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "MERCHANT_RESUMED", "merchant-application:" + id, reason);
        });
    }

    @PostMapping("/admin/merchants/applications/{id}/close")
    @PreAuthorize("hasRole('ADMIN')")
    String close(@PathVariable long id, @RequestParam String reason, @AuthenticationPrincipal SignedInUser staff,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            applications.close(id, reason, actor(staff));
            audit.staff(staff.id(), staff.displayName(), "MERCHANT_CLOSED", "merchant-application:" + id, reason);
        });
    }

    private static String act(long id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", "Done.");
        } catch (InvalidApplicationException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/merchants/applications/" + id;
    }

    static Actor actor(SignedInUser staff) {
        return Actor.staff(staff.id(), staff.displayName());
    }
}
