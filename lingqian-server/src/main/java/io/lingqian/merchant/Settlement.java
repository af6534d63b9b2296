package io.lingqian.merchant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One merchant's settlement on one day: what accrued in its account through {@code tradedThrough}
 * (payments, refunds, fees and anything else), and what was paid out.
 *
 * @param accruedFen everything ever accrued through this settlement, net; what was due is this
 *                   minus what earlier settlements paid or have in transit
 * @param amountFen  what this settlement pays out
 */
public record Settlement(long id, long merchantId, LocalDate settlementDate, LocalDate tradedThrough,
                         long paymentsFen, long refundsFen, long feesFen, long otherFen, long accruedFen,
                         long amountFen, SettlementState state, int attempts, String payingBank,
                         Optional<String> lastError, Instant createdAt, Instant updatedAt) {

    /** The net of the period this settlement covers. */
    public long periodNetFen() {
        return paymentsFen - refundsFen - feesFen + otherFen;
    }
}
