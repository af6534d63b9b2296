package io.lingqian.partner;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A provider's commission on one settlement of one of its sub-merchants.
 *
 * @param feesFen       the fees of the period the settlement covers, net of fees returned with refunds
 * @param basisPoints   the share in force when the settlement was made
 * @param commissionFen {@code feesFen × basisPoints / 10000} rounded down to the fen; 0 when the period's
 *                      net fees are not positive
 */
public record Commission(long settlementId, long providerId, long subMerchantId, LocalDate settlementDate,
                         long feesFen, int basisPoints, long commissionFen, Instant createdAt) {

    /** The rounding rule: down to the fen, so the platform never pays out more than the share. */
    public static long of(long feesFen, int basisPoints) {
        return feesFen <= 0 ? 0 : Math.multiplyExact(feesFen, basisPoints) / 10_000;
    }
}
