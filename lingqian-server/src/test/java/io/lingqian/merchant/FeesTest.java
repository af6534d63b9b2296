package io.lingqian.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fee arithmetic at its edges: half-up rounding to the fen, and refunds that never over-return. */
class FeesTest {

    @Test
    void theFeeIsRoundedHalfUpToTheFen() {
        assertThat(Fees.feeOf(83, 60)).as("0.498 fen").isZero();
        assertThat(Fees.feeOf(84, 60)).as("0.504 fen").isEqualTo(1);
        assertThat(Fees.feeOf(250, 20)).as("exactly 0.5 fen rounds up").isEqualTo(1);
        assertThat(Fees.feeOf(249, 20)).as("0.498 fen").isZero();
        assertThat(Fees.feeOf(1, 60)).isZero();
        assertThat(Fees.feeOf(10_000, 60)).isEqualTo(60);
        assertThat(Fees.feeOf(1_000_000_00L, 100)).as("1 % of a million yuan").isEqualTo(1_000_000);
        assertThat(Fees.feeOf(12_345, 0)).isZero();
        assertThat(Fees.feeOf(Long.MAX_VALUE, 10_000)).as("no overflow on the way").isEqualTo(Long.MAX_VALUE);
        assertThat(Fees.feeOf(Long.MAX_VALUE / 2, 5_000)).isEqualTo(Long.MAX_VALUE / 4 + 1);
        assertThatThrownBy(() -> Fees.feeOf(-1, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fees.feeOf(100, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullRefundReturnsTheWholeFeeAndAPartialOneItsRoundedShare() {
        long fee = Fees.feeOf(10_001, 60); // 60.006 → 60
        assertThat(fee).isEqualTo(60);
        assertThat(Fees.refundFeeOf(10_001, fee, 0, 0, 10_001)).isEqualTo(60);
        assertThat(Fees.refundFeeOf(10_001, fee, 0, 0, 5_000)).as("29.997 → 30").isEqualTo(30);
        assertThat(Fees.refundFeeOf(10_001, fee, 5_000, 30, 5_001)).as("the rest of the fee").isEqualTo(30);
        assertThat(Fees.refundFeeOf(84, 1, 0, 0, 41)).as("0.488 → 0").isZero();
        assertThat(Fees.refundFeeOf(84, 1, 41, 0, 1)).as("0.5 → 1 once half is refunded").isEqualTo(1);
        assertThatThrownBy(() -> Fees.refundFeeOf(100, 1, 60, 1, 41)).as("refunds beyond the payment")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyPartialRefundsNeverReturnMoreThanTheFeeAndAllOfThemReturnExactlyIt() {
        Random random = new Random(20141013);
        for (int round = 0; round < 2_000; round++) {
            long amount = 1 + random.nextInt(1_000_000);
            int rate = random.nextInt(101);
            long fee = Fees.feeOf(amount, rate);
            long refunded = 0;
            long returned = 0;
            int refunds = 0;
            while (refunded < amount && refunds < 50) {
                long left = amount - refunded;
                long refund = refunds == 49 ? left : 1 + (long) (random.nextDouble() * Math.min(left, amount / 7 + 1));
                refund = Math.min(refund, left);
                long back = Fees.refundFeeOf(amount, fee, refunded, returned, refund);
                assertThat(back).isNotNegative();
                refunded += refund;
                returned += back;
                refunds++;
                assertThat(returned).isLessThanOrEqualTo(fee);
            }
            assertThat(returned).as("amount %d at %d bp in %d refunds", amount, rate, refunds).isEqualTo(fee);
        }
    }
}
