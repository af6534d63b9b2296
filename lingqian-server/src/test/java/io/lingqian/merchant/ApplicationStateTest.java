package io.lingqian.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.lingqian.merchant.internal.ApplicationValidator;
import io.lingqian.platform.ApiProblemException;

class ApplicationStateTest {

    @Test
    void theTableAllowsTheDocumentedPathsOnly() {
        assertThat(ApplicationState.DRAFT.successors()).containsExactlyInAnyOrder(ApplicationState.SUBMITTED,
                ApplicationState.CLOSED);
        assertThat(ApplicationState.UNDER_REVIEW.successors()).containsExactlyInAnyOrder(ApplicationState.APPROVED,
                ApplicationState.REJECTED, ApplicationState.CLOSED);
        assertThat(ApplicationState.REJECTED.canMoveTo(ApplicationState.SUBMITTED)).isTrue();
        assertThat(ApplicationState.SUBMITTED.canMoveTo(ApplicationState.APPROVED)).as("review comes first").isFalse();
        assertThat(ApplicationState.CLOSED.successors()).isEmpty();
        for (ApplicationState s : ApplicationState.values()) {
            assertThat(s.canMoveTo(s)).as(s + " to itself").isFalse();
            assertThat(s.editable()).isEqualTo(s == ApplicationState.DRAFT || s == ApplicationState.REJECTED);
        }
        assertThatThrownBy(() -> ApplicationState.APPROVED.next(ApplicationState.ACTIVE))
                .isInstanceOf(ApiProblemException.class).hasMessageContaining("APPROVED cannot become ACTIVE");
    }

    @Test
    void unifiedSocialCreditCodesNeedTheirCheckCharacter() {
        assertThat(ApplicationValidator.isUnifiedSocialCreditCode("91310000MA1FL0000N")).isTrue();
        assertThat(ApplicationValidator.isUnifiedSocialCreditCode("91110108MA01ABCD1E")).isTrue();
        assertThat(ApplicationValidator.isUnifiedSocialCreditCode("121000004000000124")).isTrue();
        assertThat(ApplicationValidator.isUnifiedSocialCreditCode("91310000MA1FL0000M")).as("wrong check").isFalse();
        assertThat(ApplicationValidator.isUnifiedSocialCreditCode("91310000MA1FL0000")).as("17 characters").isFalse();
        assertThat(ApplicationValidator.isUnifiedSocialCreditCode("91310000MA1FLOOOON")).as("O is not in the alphabet").isFalse();
        assertThat(ApplicationValidator.isUnifiedSocialCreditCode("9131A000MA1FL0000N")).as("division code is digits").isFalse();
    }
}
