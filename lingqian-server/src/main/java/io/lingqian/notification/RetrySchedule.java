package io.lingqian.notification;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * WeChat Pay's retry schedule for payment and refund notifications (reference §4.2): after a failed
 * attempt the next one waits 15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m, 30m, 60m, 3h, 3h, 3h, 6h, 6h.
 * The first wait counts from the first attempt, so a round is 16 attempts over 24h4m.
 */
public final class RetrySchedule {

    public static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20),
            Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(60),
            Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(6));

    /** The most attempts of one round: the first and one after each interval. */
    public static final int MAX_ATTEMPTS = INTERVALS.size() + 1;

    private RetrySchedule() {
    }

    /** How long to wait after the {@code failedAttempts}-th failed attempt of a round; empty: give up. */
    public static Optional<Duration> after(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("counts start at 1");
        }
        return failedAttempts > INTERVALS.size() ? Optional.empty() : Optional.of(INTERVALS.get(failedAttempts - 1));
    }
}
