package io.lingqian.reconciliation;

/** How a bank's statement and the ledger disagree about one operation. */
public enum Difference {
    /** The bank moved money (or moved it more often) than the ledger booked. */
    MISSING_ON_OUR_SIDE,
    /** The ledger booked a movement at the bank that the bank's statement does not show. */
    MISSING_AT_BANK,
    /** Both sides have it, with different amounts. */
    AMOUNT_MISMATCH,
    /** An operation whose outcome the platform does not know yet. */
    UNKNOWN_OUTCOME
}
