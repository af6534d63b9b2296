package io.lingqian.bank;

import java.time.Instant;

import io.lingqian.accounting.PartnerBank;

/**
 * A debit or credit of a card, or a payment to a corporate account, as the bank reports it.
 *
 * @param operationId  the caller's id for it, which makes the request idempotent at the bank
 * @param bank         the card's bank; for a payment to an account, the platform's bank that paid it
 * @param cardLastFour the last four digits of the card or account
 * @param failureCode  why it failed ({@link #INSUFFICIENT_FUNDS}, {@link #CARD_FROZEN} …), when it did
 * @param completedAt  when the bank finished it, once final
 */
public record BankOperation(String operationId, Kind kind, PartnerBank bank, String cardLastFour, long amountFen,
                            Status status, String failureCode, String failureMessage, Instant createdAt,
                            Instant completedAt) {

    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    public static final String CARD_FROZEN = "CARD_FROZEN";
    public static final String CARD_CANCELLED = "CARD_CANCELLED";
    public static final String BANK_SYSTEM_ERROR = "BANK_SYSTEM_ERROR";
    public static final String INVALID_CARD = "INVALID_CARD";
    public static final String ACCOUNT_NAME_MISMATCH = "ACCOUNT_NAME_MISMATCH";
    public static final String ACCOUNT_CLOSED = "ACCOUNT_CLOSED";
    public static final String ACCOUNT_FROZEN = "ACCOUNT_FROZEN";

    public enum Kind {
        /** Money taken from the card (a top-up). */
        DEBIT,
        /** Money paid to the card (a withdrawal). */
        CREDIT,
        /** Money paid from the platform's account to a corporate account (a merchant's settlement). */
        ACCOUNT_CREDIT
    }

    public enum Status {
        /** Done: the money moved. Final. */
        SUCCEEDED,
        /** Refused: nothing moved. Final. */
        FAILED,
        /** Accepted by the bank and still being processed: ask again later. */
        PROCESSING,
        /** No answer in time (a timeout): the bank may or may not have done it; ask again later. */
        UNKNOWN;

        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED;
        }
    }
}
