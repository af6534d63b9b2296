package io.lingqian.web.admin;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.operations.EndOfDay;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;

/**
 * The end-of-day reports for FINANCE and ADMIN: the list of closed days, each day's one-page report,
 * and closing a finished day (again) by hand.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
class EndOfDayController {

    private final EndOfDay endOfDay;
    private final Clock clock;

    EndOfDayController(EndOfDay endOfDay, Clock clock) {
        this.endOfDay = endOfDay;
        this.clock = clock;
    }

    @GetMapping("/admin/end-of-day")
    String list(Model model) {
        model.addAttribute("reports", endOfDay.recent(60));
        model.addAttribute("yesterday", LocalDate.now(clock.withZone(EndOfDay.CST)).minusDays(1));
        return "admin/end-of-day";
    }

    @GetMapping("/admin/end-of-day/{day}")
    String day(@PathVariable String day, Model model) {
        LocalDate date = ReconciliationConsoleController.dayOf(day);
        model.addAttribute("day", date);
        model.addAttribute("report", endOfDay.report(date).orElse(null));
        return "admin/end-of-day-report";
    }

    /** Closes a day from the list's form. */
    @PostMapping("/admin/end-of-day")
    String closeFromForm(@RequestParam String day, @AuthenticationPrincipal SignedInUser staff,
            RedirectAttributes redirect) {
        return close(day, staff, redirect);
    }

    @PostMapping("/admin/end-of-day/{day}/close")
    String close(@PathVariable String day, @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        LocalDate date = ReconciliationConsoleController.dayOf(day);
        try {
            EndOfDay.DayReport report = endOfDay.close(date, staff.id(), staff.displayName());
            redirect.addFlashAttribute("notice", "Closed " + date + ": " + report.state() + ".");
        } catch (ApiProblemException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/admin/end-of-day/" + date;
    }
}
