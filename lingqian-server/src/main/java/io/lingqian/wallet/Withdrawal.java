package io.lingqian.wallet;

import java.time.Instant;

import io.lingqian.accounting.PartnerBank;

/** A withdrawal from the balance to a bound card, with the fee charged on top. */
public record Withdrawal(long id, long userId, long identityId, long cardId, PartnerBank bank, long amountFen,
                         long feeFen, long freeQuotaUsedFen, String clientRequestId, MoneyStatus status,
                         String failureCode, String failureMessage, Instant createdAt, Instant completedAt) {

    public String reference() {
        return "withdrawal:" + id;
    }
}
