package io.lingqian.wallet;

import java.time.Instant;

import io.lingqian.accounting.PartnerBank;

/**
 * A bound card paying for one purpose (a payment, a transfer, a red packet).
 *
 * @param purpose what the money is for, unique per user: the purpose's own ledger reference or
 *                request key, so a retried request never charges the card twice
 */
public record CardCharge(long id, long userId, long cardId, PartnerBank bank, long amountFen, String purpose, int attempt,
                         CardChargeStatus status, String failureCode, String failureMessage, Instant createdAt,
                         Instant completedAt) {

    /** Its ledger reference: the funding transfer {@code bank reserve → wallet} is named after it. */
    public String reference() {
        return "cardcharge:" + id;
    }

    /** The bank operation of this attempt: a retry after a decline is a new operation. */
    String operationId() {
        return "cardcharge-" + id + "-" + attempt;
    }
}
