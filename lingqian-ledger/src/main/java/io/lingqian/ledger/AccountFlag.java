package io.lingqian.ledger;

/** Account flags, as in TigerBeetle. */
public enum AccountFlag {
    /** Debits (posted plus pending) may never exceed posted credits: a balance that cannot go below zero. */
    DEBITS_MUST_NOT_EXCEED_CREDITS,
    /** Credits (posted plus pending) may never exceed posted debits: the mirror image, for debit-normal accounts with a floor. */
    CREDITS_MUST_NOT_EXCEED_DEBITS,
    /** Keep the account's four totals after every transfer, for point-in-time balances. */
    HISTORY
}
