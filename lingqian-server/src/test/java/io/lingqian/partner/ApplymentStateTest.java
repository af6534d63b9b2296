package io.lingqian.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.lingqian.merchant.ApplicationState;

/** The applyment state machine as data, its wire codes, and the identity card rule; no server. */
class ApplymentStateTest {

    @Test
    void theHappyPathIsAllowedAndShortcutsAreRefused() {
        assertThat(ApplymentState.CHECKING.next(ApplymentState.ACCOUNT_NEED_VERIFY)
                .next(ApplymentState.AUDITING).next(ApplymentState.NEED_SIGN).next(ApplymentState.FINISH))
                .isEqualTo(ApplymentState.FINISH);
        assertThat(ApplymentState.REJECTED.canMoveTo(ApplymentState.CHECKING)).as("resubmission").isTrue();
        assertThatThrownBy(() -> ApplymentState.AUDITING.next(ApplymentState.FINISH))
                .isInstanceOf(ApplymentState.IllegalApplymentTransition.class)
                .hasMessageContaining("AUDITING cannot become FINISH");
        assertThatThrownBy(() -> ApplymentState.FINISH.next(ApplymentState.CANCELED))
                .isInstanceOf(ApplymentState.IllegalApplymentTransition.class);
        assertThat(ApplymentState.CANCELED.successors()).isEmpty();
    }

    @Test
    void everyStateHasACodeOfTheOfficialQueryModel() {
        assertThat(ApplymentState.ACCOUNT_NEED_VERIFY.wireCode()).isEqualTo("APPLYMENT_STATE_TO_BE_CONFIRMED");
        assertThat(ApplymentState.NEED_SIGN.wireCode()).isEqualTo("APPLYMENT_STATE_TO_BE_SIGNED");
        for (ApplymentState state : ApplymentState.values()) {
            // WxJava reads applyment_state into this enum: an unknown code would arrive as null.
            assertThat(com.github.binarywang.wxpay.bean.applyment.enums.ApplymentStateEnum.valueOf(state.wireCode()))
                    .isNotNull();
        }
    }

    @Test
    void staffReviewDecidesOnceTheApplicationIsHandedOver() {
        assertThat(ApplymentState.of(ApplicationState.UNDER_REVIEW)).isEqualTo(ApplymentState.AUDITING);
        assertThat(ApplymentState.of(ApplicationState.REJECTED)).isEqualTo(ApplymentState.REJECTED);
        assertThat(ApplymentState.of(ApplicationState.APPROVED)).isEqualTo(ApplymentState.NEED_SIGN);
        assertThat(ApplymentState.of(ApplicationState.ACTIVE)).isEqualTo(ApplymentState.FINISH);
        assertThat(ApplymentState.of(ApplicationState.CLOSED)).isEqualTo(ApplymentState.CANCELED);
    }

    @Test
    void identityCardNumbersNeedARealBirthDateAndTheirCheckCharacter() {
        assertThat(ApplymentForm.isIdCardNumber("11010519491231002X")).isTrue();
        assertThat(ApplymentForm.isIdCardNumber("110105194912310021")).as("wrong check character").isFalse();
        assertThat(ApplymentForm.isIdCardNumber("11010519491332002X")).as("no 32nd of the 13th month").isFalse();
        assertThat(ApplymentForm.isIdCardNumber("1101051949123100")).isFalse();
        assertThat(ApplymentForm.isIdCardNumber(null)).isFalse();
    }
}
