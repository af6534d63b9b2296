package io.lingqian.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.lingqian.clock.AdjustableClock;

/**
 * Moving the platform clock on request (admin API and console), allowed only where
 * {@code lingqian.clock.adjustable} is on: the demo and the sandbox, never production.
 */
@Component
public class SandboxClock {

    /** One step is at most a year: enough for any expiry, small enough to stay a deliberate act. */
    public static final long MAX_STEP_SECONDS = 366L * 24 * 3600;

    private final AdjustableClock clock;
    private final boolean adjustable;

    SandboxClock(AdjustableClock clock, LingqianProperties properties) {
        this.clock = clock;
        this.adjustable = properties.clock().adjustable();
    }

    public boolean adjustable() {
        return adjustable;
    }

    /** The platform time in the platform's zone (China Standard Time), for display. */
    public ZonedDateTime localTime() {
        return ZonedDateTime.now(clock);
    }

    public Duration offset() {
        return clock.offset();
    }

    /**
     * Moves the clock forward and returns the new instant.
     *
     * @throws ApiProblemException (403 {@code clock_not_adjustable}) when this installation's clock is fixed
     */
    public Instant advance(Duration step) {
        if (!adjustable) {
            throw new ApiProblemException(HttpStatus.FORBIDDEN, "clock_not_adjustable",
                    "The clock of this installation cannot be moved (lingqian.clock.adjustable is off).");
        }
        if (step.isNegative() || step.isZero() || step.toSeconds() > MAX_STEP_SECONDS) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.VALIDATION_FAILED,
                    "The clock moves forward by 1 to " + MAX_STEP_SECONDS + " seconds at a time.");
        }
        return clock.advance(step);
    }
}
