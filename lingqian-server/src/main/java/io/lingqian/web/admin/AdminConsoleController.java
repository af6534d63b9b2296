package io.lingqian.web.admin;

import java.time.Duration;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.SandboxClock;

/** The admin console's login and home pages, and the sandbox clock card on the home page. */
@Controller
class AdminConsoleController {

    private final SandboxClock clock;

    AdminConsoleController(SandboxClock clock) {
        this.clock = clock;
    }

    @GetMapping("/admin/login")
    String login() {
        return "admin/login";
    }

    @GetMapping("/admin")
    String home(Model model) {
        model.addAttribute("clock", clock);
        return "admin/home";
    }

    /** htmx: moves the clock and answers with the redrawn clock card. */
    @PostMapping("/admin/clock/advance")
    @PreAuthorize("hasRole('ADMIN')")
    String advanceClock(@RequestParam long seconds, Model model) {
        try {
            clock.advance(Duration.ofSeconds(seconds));
        } catch (ApiProblemException refused) {
            model.addAttribute("clockError", refused.getMessage());
        }
        model.addAttribute("clock", clock);
        return "admin/home :: clock-card";
    }
}
