package io.lingqian.wallet.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.wallet.WalletJobs;

/** Runs the wallet's repair job on a schedule, unless {@code lingqian.jobs.enabled=false}. */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class WalletSchedule {

    private final WalletJobs jobs;

    WalletSchedule(WalletJobs jobs) {
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${lingqian.wallet.repair-interval:30s}",
            initialDelayString = "${lingqian.wallet.repair-interval:30s}")
    void settle() {
        jobs.settleUnknownOutcomes();
    }
}
