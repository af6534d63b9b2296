package io.lingqian.ledger;

import java.time.Instant;
import java.util.List;

/**
 * What the invariant checker found. {@link #ok()} is true when there are no violations.
 *
 * @param journal the hash-chain verification that was part of the check
 */
public record InvariantReport(Instant checkedAt, long accountsChecked, long transfersChecked,
                              List<Violation> violations, JournalVerification journal) {

    public boolean ok() {
        return violations.isEmpty() && journal.intact();
    }

    /** One broken invariant, with the account or ledger it concerns and what was expected. */
    public record Violation(String invariant, String subject, String detail) {
    }
}
