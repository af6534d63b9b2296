package io.lingqian.ledger;

/** Outcome of {@link Ledger#changeStatus}. */
public enum StatusChange {
    CHANGED,
    /** The account already had that status. */
    UNCHANGED,
    ACCOUNT_NOT_FOUND,
    /** Not allowed by {@link AccountStatus#next()}, for example anything after CLOSED. */
    ILLEGAL_TRANSITION,
    /** Closing needs a zero balance and nothing pending. */
    BALANCE_NOT_ZERO
}
