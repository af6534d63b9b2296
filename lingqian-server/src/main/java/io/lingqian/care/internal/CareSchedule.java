package io.lingqian.care.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.care.Complaints;

/** Marks complaints past their deadlines on a schedule, unless {@code lingqian.jobs.enabled=false}. */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class CareSchedule {

    private final Complaints complaints;

    CareSchedule(Complaints complaints) {
        this.complaints = complaints;
    }

    @Scheduled(fixedDelayString = "${lingqian.care.overdue-interval:5m}",
            initialDelayString = "${lingqian.care.overdue-interval:5m}")
    void markOverdue() {
        complaints.markOverdue();
    }
}
