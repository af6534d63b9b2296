package io.lingqian.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the operations context ({@code lingqian.operations.*}).
 *
 * @param backgroundRuns    run reconciliations started from the console on a background thread, so
 *                          the page can show their progress; tests turn it off and get the finished
 *                          run in the answer
 * @param endOfDayInterval  how often the end-of-day job looks for days to close (it closes each
 *                          finished day once, by the platform clock, so a moved sandbox clock is
 *                          followed and a missed run is made up)
 * @param catchUpDays       how many finished days back the job closes when none was closed yet
 */
@ConfigurationProperties("lingqian.operations")
public record OperationsProperties(@DefaultValue("true") boolean backgroundRuns,
                                   @DefaultValue("10m") Duration endOfDayInterval,
                                   @DefaultValue("3") int catchUpDays) {

    public OperationsProperties {
        if (catchUpDays < 1 || catchUpDays > 31) {
            throw new IllegalArgumentException("lingqian.operations.catch-up-days is 1 to 31");
        }
    }
}
