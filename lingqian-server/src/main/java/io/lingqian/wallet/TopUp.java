package io.lingqian.wallet;

import java.time.Instant;

import io.lingqian.accounting.PartnerBank;

/** A top-up from a bound card into the balance. */
public record TopUp(long id, long userId, long cardId, PartnerBank bank, long amountFen, String clientRequestId,
                    MoneyStatus status, String failureCode, String failureMessage, Instant createdAt,
                    Instant completedAt) {

    /** Its ledger reference and the prefix of its transfer ids. */
    public String reference() {
        return "topup:" + id;
    }
}
