package io.lingqian.platform;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The admin API for moving the sandbox clock: {@code POST /admin/api/clock/advance {"seconds": N}}. */
@RestController
class ClockController {

    private final SandboxClock clock;

    ClockController(SandboxClock clock) {
        this.clock = clock;
    }

    record Advance(@NotNull @Positive @Max(SandboxClock.MAX_STEP_SECONDS) Long seconds) {
    }

    record ClockState(Instant instant, long offsetSeconds) {
    }

    @PostMapping("/admin/api/clock/advance")
    @PreAuthorize("hasRole('ADMIN')")
    ClockState advance(@Valid @RequestBody Advance request) {
        Instant now = clock.advance(Duration.ofSeconds(request.seconds()));
        return new ClockState(now, clock.offset().toSeconds());
    }
}
