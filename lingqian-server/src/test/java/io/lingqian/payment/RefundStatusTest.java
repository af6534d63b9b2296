package io.lingqian.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The refund state machine of reference §9.4, and the proportional share's rounding. */
class RefundStatusTest {

    @Test
    void processingEndsInSuccessAbnormalOrClosedAndOnlyAbnormalGoesBack() {
        assertThat(RefundStatus.PROCESSING.next(RefundStatus.SUCCESS)).isEqualTo(RefundStatus.SUCCESS);
        assertThat(RefundStatus.PROCESSING.canBecome(RefundStatus.ABNORMAL)).isTrue();
        assertThat(RefundStatus.PROCESSING.canBecome(RefundStatus.CLOSED)).isTrue();
        assertThat(RefundStatus.ABNORMAL.next(RefundStatus.PROCESSING)).isEqualTo(RefundStatus.PROCESSING);
        assertThat(RefundStatus.ABNORMAL.canBecome(RefundStatus.SUCCESS)).isFalse();
        for (RefundStatus any : RefundStatus.values()) {
            assertThat(RefundStatus.SUCCESS.canBecome(any)).isFalse();
            assertThat(RefundStatus.CLOSED.canBecome(any)).isFalse();
        }
        assertThatThrownBy(() -> RefundStatus.SUCCESS.next(RefundStatus.PROCESSING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SUCCESS cannot become PROCESSING");
        assertThat(RefundStatus.PROCESSING.isNotified()).isFalse();
        assertThat(RefundStatus.ABNORMAL.isNotified()).isTrue();
    }

    @Test
    void aShareIsRoundedHalfUpAndTheWholeRefundGivesTheWholePart() {
        assertThat(Refunds.shareSoFar(90, 1, 100)).as("0.9").isEqualTo(1);
        assertThat(Refunds.shareSoFar(1, 1, 2)).as("exactly half").isEqualTo(1);
        assertThat(Refunds.shareSoFar(1, 1, 3)).as("a third").isZero();
        assertThat(Refunds.shareSoFar(2, 1, 3)).as("two thirds").isEqualTo(1);
        assertThat(Refunds.shareSoFar(3, 1, 7)).as("3/7 = 0.43").isZero();
        assertThat(Refunds.shareSoFar(7, 1, 14)).as("half of an odd part").isEqualTo(1);
        assertThat(Refunds.shareSoFar(1_799, 1_800, 1_800)).isEqualTo(1_799);
        assertThat(Refunds.shareSoFar(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2))
                .isEqualTo(Long.MAX_VALUE / 2);
    }
}
