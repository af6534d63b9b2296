package io.lingqian.merchant;

import java.math.BigInteger;

/**
 * The fee arithmetic, in whole fen (docs/merchants.md, "Fees and rounding"):
 *
 * <ul>
 * <li>the fee of a payment is {@code amount × rate / 10,000} rounded half up to the fen (0.6 % of
 *     83 fen is 0.498 fen: 0; of 84 fen, 0.504 fen: 1);
 * <li>a refund returns the fee proportional to everything refunded so far, rounded the same way,
 *     minus the fee already returned: {@code round(fee × refundedSoFar / amount) − returnedBefore}.
 *     So partial refunds never return more than the payment's fee in total, and refunding the whole
 *     payment returns exactly its fee, however it was split.
 * </ul>
 *
 * Amounts that would overflow a {@code long} on the way are computed exactly with 128-bit
 * arithmetic; results always fit, since a fee never exceeds its payment.
 */
public final class Fees {

    /** Rates are in basis points: 10,000 is 100 %. */
    public static final int BASIS_POINTS = 10_000;

    private Fees() {
    }

    /** The fee of a payment of {@code amountFen} at {@code rateBasisPoints}. */
    public static long feeOf(long amountFen, int rateBasisPoints) {
        if (amountFen < 0) {
            throw new IllegalArgumentException("an amount cannot be negative");
        }
        if (rateBasisPoints < 0 || rateBasisPoints > BASIS_POINTS) {
            throw new IllegalArgumentException("a rate is 0 to 10,000 basis points");
        }
        return roundHalfUp(amountFen, rateBasisPoints, BASIS_POINTS);
    }

    /**
     * The fee a refund returns.
     *
     * @param paymentFen      the payment's amount
     * @param paymentFeeFen   the fee charged on it
     * @param refundedBeforeFen what earlier refunds of the payment returned, in total
     * @param feeReturnedBeforeFen the fee earlier refunds returned, in total
     * @param refundFen       this refund
     * @throws IllegalArgumentException when the refunds would exceed the payment, or the inputs disagree
     */
    public static long refundFeeOf(long paymentFen, long paymentFeeFen, long refundedBeforeFen,
            long feeReturnedBeforeFen, long refundFen) {
        if (paymentFen <= 0 || paymentFeeFen < 0 || paymentFeeFen > paymentFen || refundedBeforeFen < 0
                || feeReturnedBeforeFen < 0 || refundFen <= 0) {
            throw new IllegalArgumentException("amounts must be positive and a fee cannot exceed its payment");
        }
        long refundedSoFar = Math.addExact(refundedBeforeFen, refundFen);
        if (refundedSoFar > paymentFen) {
            throw new IllegalArgumentException("refunds cannot exceed the payment");
        }
        long dueSoFar = roundHalfUp(paymentFeeFen, refundedSoFar, paymentFen);
        long returned = dueSoFar - feeReturnedBeforeFen;
        if (returned < 0) {
            throw new IllegalArgumentException("more fee was returned before than the refunds so far account for");
        }
        return returned;
    }

    /** {@code a × b / d} rounded half up, for non-negative a, b and positive d. */
    static long roundHalfUp(long a, long b, long d) {
        long high = Math.multiplyHigh(a, b);
        if (high == 0 && a * b >= 0) {
            long product = a * b;
            long quotient = product / d;
            long remainder = product % d;
            return remainder >= d - remainder ? quotient + 1 : quotient;
        }
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(d));
        long remainder = qr[1].longValueExact();
        return qr[0].longValueExact() + (remainder >= d - remainder ? 1 : 0);
    }
}
