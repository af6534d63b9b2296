package io.lingqian.ledger;

/** What a transfer does to the totals of its two accounts. */
public enum TransferKind {
    /** Moves money at once: posted debit and posted credit. */
    SINGLE,
    /** Reserves money: pending debit and pending credit, until posted, voided or expired. */
    PENDING,
    /** Settles a pending transfer for all or part of its amount; the rest of the hold is released. */
    POST_PENDING,
    /** Releases a pending transfer entirely; also what the sweeper writes when a hold expires. */
    VOID_PENDING;

    public boolean resolvesPending() {
        return this == POST_PENDING || this == VOID_PENDING;
    }
}
