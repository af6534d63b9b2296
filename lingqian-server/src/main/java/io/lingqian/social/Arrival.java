package io.lingqian.social;

import java.time.Duration;

/** When a transfer reaches the receiver (PBOC 银发〔2016〕261号: real-time, about 2 h, next day). */
public enum Arrival {
    REAL_TIME(Duration.ZERO, "real time"),
    TWO_HOURS(Duration.ofHours(2), "in 2 hours"),
    ONE_DAY(Duration.ofHours(24), "in 24 hours");

    private final Duration delay;
    private final String label;

    Arrival(Duration delay, String label) {
        this.delay = delay;
        this.label = label;
    }

    public Duration delay() {
        return delay;
    }

    public String label() {
        return label;
    }
}
