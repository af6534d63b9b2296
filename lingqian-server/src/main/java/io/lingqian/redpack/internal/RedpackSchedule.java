package io.lingqian.redpack.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.redpack.MerchantRedpacks;

/** Returns expired red packets to their merchants on a schedule, unless {@code lingqian.jobs.enabled=false}. */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class RedpackSchedule {

    private final MerchantRedpacks redpacks;

    RedpackSchedule(MerchantRedpacks redpacks) {
        this.redpacks = redpacks;
    }

    @Scheduled(fixedDelayString = "${lingqian.redpack.job-interval:30s}", initialDelayString = "${lingqian.redpack.job-interval:30s}")
    void run() {
        redpacks.refundExpired();
    }
}
