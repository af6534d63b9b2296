package io.lingqian.risk.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.risk.RiskJobs;

/** Runs the risk jobs on a schedule, unless {@code lingqian.jobs.enabled=false}. */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class RiskSchedule {

    private final RiskJobs jobs;

    RiskSchedule(RiskJobs jobs) {
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${lingqian.risk.poll-interval:2s}", initialDelayString = "${lingqian.risk.poll-interval:2s}")
    void poll() {
        jobs.poll();
    }

    @Scheduled(fixedDelayString = "1m", initialDelayString = "1m")
    void expireAndEvict() {
        jobs.expireFreezes();
        jobs.evict();
    }
}
