package io.lingqian.stats.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.stats.StatsRollup;

/** Folds new journal rows into the statistics every few seconds, unless {@code lingqian.jobs.enabled=false}. */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class StatsSchedule {

    private final StatsRollup rollup;

    StatsSchedule(StatsRollup rollup) {
        this.rollup = rollup;
    }

    @Scheduled(fixedDelayString = "${lingqian.stats.fold-interval:30s}", initialDelayString = "20s")
    void fold() {
        rollup.fold();
    }
}
