package io.lingqian.platform.crypto;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute, unless {@code lingqian.jobs.enabled=false}: applies staff's key decisions made on
 * another instance, then reseals a few batches of values still under an older key, so a rotation
 * finishes on its own without long transactions.
 */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class FieldKeySchedule {

    /** At most 1,000 values a minute: small enough to stay out of the way of payments. */
    private static final int BATCHES_PER_RUN = 10;

    private final FieldKeys keys;

    FieldKeySchedule(FieldKeys keys) {
        this.keys = keys;
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void run() {
        keys.refresh();
        keys.reseal(BATCHES_PER_RUN);
    }
}
