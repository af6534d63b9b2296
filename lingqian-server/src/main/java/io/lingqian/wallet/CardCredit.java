package io.lingqian.wallet;

import java.time.Instant;

import io.lingqian.accounting.PartnerBank;

/**
 * Money paid back to a card that is not a withdrawal: a refund of a card payment, or a refund
 * re-applied to another card of the payer.
 *
 * @param cardId  the wallet card, or null for a card number the wallet does not hold
 * @param purpose the caller's reference, unique: a retry pays once
 * @param status  SUBMITTED, PROCESSING, then SUCCEEDED or FAILED ({@link MoneyStatus})
 */
public record CardCredit(long id, long userId, Long cardId, String lastFour, PartnerBank bank, long amountFen,
                         String purpose, MoneyStatus status, String failureCode, String failureMessage,
                         Instant createdAt, Instant completedAt) {

    String operationId() {
        return "cardcredit-" + id;
    }
}
