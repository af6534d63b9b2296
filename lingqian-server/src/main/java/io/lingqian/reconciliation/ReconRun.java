package io.lingqian.reconciliation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The summary of reconciling one bank's day: how many operations were compared, matched and
 * differed, and the money each side saw move in and out of the platform's account at that bank.
 */
public record ReconRun(long id, String bank, LocalDate day, String state, int total, int processed, int matched,
                       int differences, int autoResolved, long bankInFen, long bankOutFen, long ledgerInFen,
                       long ledgerOutFen, String message, Instant startedAt, Instant finishedAt) {

    /** Percent done, for the progress bar. */
    public int percent() {
        return total == 0 ? (state.equals("RUNNING") ? 0 : 100) : Math.min(100, processed * 100 / total);
    }
}
