package io.lingqian.merchant.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.merchant.Settlements;

/**
 * Runs the settlement every few minutes rather than once at a fixed hour: each run settles only
 * what is due by the platform clock and is idempotent per merchant and day, so a sandbox that moves
 * the clock sees its settlements, and a run missed by a restart is made up by the next one.
 */
@Component
class SettlementJob {

    private final Settlements settlements;

    SettlementJob(Settlements settlements) {
        this.settlements = settlements;
    }

    @Scheduled(fixedDelayString = "${lingqian.merchant.settlement-interval:10m}", initialDelayString = "1m")
    void run() {
        settlements.run();
    }
}
