package io.lingqian.ledger;

/**
 * Outcome of one transfer. Every refusal has its own code and changes nothing. Names follow
 * TigerBeetle's where the meaning is the same.
 */
public enum CreateTransferResult {
    CREATED,
    /** Same id, same fields: the original transfer is returned and nothing moves. */
    EXISTS,

    /** Another transfer of its linked chain failed, so this one was not applied. */
    LINKED_EVENT_FAILED,
    /** The last transfer of the batch is flagged linked: the chain is never closed. */
    LINKED_EVENT_CHAIN_OPEN,

    ID_INVALID,
    AMOUNT_MUST_BE_POSITIVE,
    ACCOUNTS_MUST_BE_DIFFERENT,
    LEDGER_MUST_NOT_BE_ZERO,
    CODE_MUST_NOT_BE_ZERO,
    REFERENCE_TOO_LONG,
    PENDING_ID_MUST_BE_EMPTY,
    PENDING_ID_MUST_NOT_BE_EMPTY,
    PENDING_ID_MUST_BE_DIFFERENT,
    TIMEOUT_RESERVED_FOR_PENDING_TRANSFER,
    TIMEOUT_MUST_NOT_BE_NEGATIVE,

    DEBIT_ACCOUNT_NOT_FOUND,
    CREDIT_ACCOUNT_NOT_FOUND,
    /** The accounts are in different currencies, or the transfer names another one. */
    LEDGER_MUST_MATCH,
    /** The debit account is frozen: nothing may leave it. */
    DEBIT_ACCOUNT_FROZEN,
    DEBIT_ACCOUNT_CLOSED,
    CREDIT_ACCOUNT_CLOSED,
    /** The debit account has {@link AccountFlag#DEBITS_MUST_NOT_EXCEED_CREDITS} and not enough available. */
    EXCEEDS_CREDITS,
    /** The credit account has {@link AccountFlag#CREDITS_MUST_NOT_EXCEED_DEBITS} and this would pass it. */
    EXCEEDS_DEBITS,
    /** A total would pass {@link Long#MAX_VALUE}. */
    OVERFLOW,

    PENDING_TRANSFER_NOT_FOUND,
    /** The transfer named by pendingId is not a pending transfer. */
    PENDING_TRANSFER_NOT_PENDING,
    PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT,
    PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT,
    PENDING_TRANSFER_HAS_DIFFERENT_LEDGER,
    PENDING_TRANSFER_HAS_DIFFERENT_CODE,
    /** A void names an amount other than the hold's. */
    PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT,
    /** A post for more than the hold. */
    EXCEEDS_PENDING_TRANSFER_AMOUNT,
    PENDING_TRANSFER_ALREADY_POSTED,
    PENDING_TRANSFER_ALREADY_VOIDED,
    /** The hold's timeout has passed (whether or not the sweeper has voided it yet). */
    PENDING_TRANSFER_EXPIRED,

    EXISTS_WITH_DIFFERENT_KIND,
    EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,
    EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
    EXISTS_WITH_DIFFERENT_AMOUNT,
    EXISTS_WITH_DIFFERENT_LEDGER,
    EXISTS_WITH_DIFFERENT_CODE,
    EXISTS_WITH_DIFFERENT_PENDING_ID,
    EXISTS_WITH_DIFFERENT_TIMEOUT,
    EXISTS_WITH_DIFFERENT_REFERENCE;

    public boolean ok() {
        return this == CREATED || this == EXISTS;
    }
}
