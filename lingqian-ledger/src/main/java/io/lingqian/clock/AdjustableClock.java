package io.lingqian.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of the platform: a base clock plus an offset that only moves forward.
 *
 * <p>Production runs with the system clock and a zero offset. Tests and the sandbox move time with
 * {@link #advance(Duration)} instead of sleeping, so expiries, timeouts and settlement days can be
 * reached at once and deterministically. Time never moves backwards: that would let a hold expire
 * and then un-expire.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    private AdjustableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** The system clock in the given zone, with no offset. */
    public static AdjustableClock system(ZoneId zone) {
        return new AdjustableClock(Clock.system(zone), new AtomicReference<>(Duration.ZERO));
    }

    /** A clock that stands still at {@code instant} until advanced: for tests. */
    public static AdjustableClock fixed(Instant instant, ZoneId zone) {
        return new AdjustableClock(Clock.fixed(instant, zone), new AtomicReference<>(Duration.ZERO));
    }

    /** Moves time forward by {@code amount} (which must not be negative) and returns the new instant. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, not by " + amount);
        }
        offset.accumulateAndGet(amount, Duration::plus);
        return instant();
    }

    /** How far this clock is ahead of its base clock. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(base.withZone(zone), offset);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }
}
