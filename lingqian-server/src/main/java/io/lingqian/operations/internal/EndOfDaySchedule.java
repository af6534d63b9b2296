package io.lingqian.operations.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.operations.EndOfDay;

/**
 * Closes each finished day shortly after midnight, by the platform clock, unless
 * {@code lingqian.jobs.enabled=false}. It looks every few minutes rather than at a fixed hour, so a
 * sandbox that moves the clock is followed and a close missed by a restart is made up.
 */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class EndOfDaySchedule {

    private final EndOfDay endOfDay;

    EndOfDaySchedule(EndOfDay endOfDay) {
        this.endOfDay = endOfDay;
    }

    @Scheduled(fixedDelayString = "${lingqian.operations.end-of-day-interval:10m}", initialDelayString = "2m")
    void closeDueDays() {
        endOfDay.closeDueDays();
    }
}
