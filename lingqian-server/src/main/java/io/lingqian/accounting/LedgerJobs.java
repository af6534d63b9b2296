package io.lingqian.accounting;

import io.lingqian.ledger.InvariantReport;

import java.util.Optional;

/** The ledger's background jobs, which staff (and tests) can also run at once. */
public interface LedgerJobs {

    /** Voids every hold whose timeout has passed; returns how many. */
    int voidExpiredHolds();

    /** Runs the full invariant check now, records it as the latest and in the metrics, and returns it. */
    InvariantReport checkInvariants();

    /** The latest invariant check, if one has run since start-up. */
    Optional<InvariantReport> latestCheck();
}
