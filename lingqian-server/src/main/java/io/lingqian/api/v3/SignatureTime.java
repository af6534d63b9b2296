package io.lingqian.api.v3;

import java.time.Instant;

import org.springframework.stereotype.Component;

import io.lingqian.clock.AdjustableClock;

/**
 * The time that signature timestamps are checked against and written with: the injected clock
 * without the sandbox's forward offset. Freshness compares our clock with the merchant's real one
 * (the SDK refuses a response 5 minutes off its own clock), so moving business time forward in the
 * sandbox must not make every signature stale.
 */
@Component
class SignatureTime {

    private final AdjustableClock clock;

    SignatureTime(AdjustableClock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().minus(clock.offset());
    }
}
