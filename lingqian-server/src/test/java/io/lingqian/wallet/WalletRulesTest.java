package io.lingqian.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The wallet's rules as pure functions: resident IDs, the withdrawal fee, classes, amounts, states. */
class WalletRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final WalletProperties.Withdrawal FEES = new WalletProperties.Withdrawal(100000, 10, 10, 5000000);
    private static final WalletProperties.Limits LIMITS = new WalletProperties.Limits(3, 5, 100000, 10000000, 20000000,
            500000, 100000, 10, 100000, false);

    @Test
    void aResidentIdNeedsEighteenCharactersARealBirthDateAndTheRightCheckCharacter() {
        // the GB 11643 example number, and one whose check character is X
        assertThat(ResidentId.problem("11010519491231002X", TODAY)).isEmpty();
        assertThat(ResidentId.problem("110105194912310021", TODAY)).get().asString().contains("ISO 7064");
        assertThat(ResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentId.problem("11010519491231002x", TODAY)).isEmpty();
        assertThat(ResidentId.problem("440524188001010014", TODAY)).get().asString().contains("out of range");
        assertThat(ResidentId.problem("1101051949123100", TODAY)).get().asString().contains("18 characters");
        assertThat(ResidentId.problem("11010519491231002Y", TODAY)).get().asString().contains("18 characters");
        String feb30 = "11010519900230001";
        assertThat(ResidentId.problem(feb30 + ResidentId.checkCharacter(feb30), TODAY)).get().asString()
                .contains("not a date");
        String future = "11010520270101001";
        assertThat(ResidentId.problem(future + ResidentId.checkCharacter(future), TODAY)).get().asString()
                .contains("out of range");
        String region0 = "01010519491231002";
        assertThat(ResidentId.problem(region0 + ResidentId.checkCharacter(region0), TODAY)).get().asString()
                .contains("region");
        assertThat(ResidentId.mask("11010519491231002X")).isEqualTo("1101**********002X");
        assertThat(ResidentId.maskName("李雷")).isEqualTo("*雷");
    }

    @Test
    void everyWrongCheckCharacterIsCaught() {
        String first = "32058219850612345";
        char right = ResidentId.checkCharacter(first);
        for (char c : "0123456789X".toCharArray()) {
            assertThat(ResidentId.problem(first + c, TODAY).isEmpty()).as("check %s", c).isEqualTo(c == right);
        }
    }

    @Test
    void theWithdrawalFeeAroundTheFreeQuota() {
        // 999.99 and 1,000.00 are inside the quota: free
        assertThat(WithdrawalFees.quote(99999, 100000, FEES).feeFen()).isZero();
        WithdrawalFees.Quote exact = WithdrawalFees.quote(100000, 100000, FEES);
        assertThat(exact.feeFen()).isZero();
        assertThat(exact.freeRemainingFen()).isZero();
        // 1,000.01: 0.01 beyond, 0.1 % of it rounds to nothing, so the 0.10 minimum
        WithdrawalFees.Quote over = WithdrawalFees.quote(100001, 100000, FEES);
        assertThat(over.feeFen()).isEqualTo(10);
        assertThat(over.freeQuotaUsedFen()).isEqualTo(100000);
        assertThat(over.totalFen()).isEqualTo(100011);
        // the press example: a first withdrawal of 2,000 costs (2,000 - 1,000) x 0.1 % = 1.00
        assertThat(WithdrawalFees.quote(200000, 100000, FEES).feeFen()).isEqualTo(100);
        // quota spent: 0.1 % with a 0.10 minimum
        assertThat(WithdrawalFees.quote(5000, 0, FEES).feeFen()).isEqualTo(10);
        assertThat(WithdrawalFees.quote(10000, 0, FEES).feeFen()).isEqualTo(10);
        assertThat(WithdrawalFees.quote(10100, 0, FEES).feeFen()).isEqualTo(10);
        assertThat(WithdrawalFees.quote(12345, 0, FEES).feeFen()).isEqualTo(12);
        // half a fen rounds up
        assertThat(WithdrawalFees.quote(12500, 0, FEES).feeFen()).isEqualTo(13);
        assertThat(WithdrawalFees.quote(12499, 0, FEES).feeFen()).isEqualTo(12);
        assertThat(WithdrawalFees.quote(1, 0, FEES).feeFen()).isEqualTo(10);
        // part of the quota left
        WithdrawalFees.Quote part = WithdrawalFees.quote(50000, 30000, FEES);
        assertThat(part.freeQuotaUsedFen()).isEqualTo(30000);
        assertThat(part.feeFen()).isEqualTo(20);
        assertThatThrownBy(() -> WithdrawalFees.quote(0, 100000, FEES)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClassFollowsTheNumberOfVerificationChannels() {
        assertThat(AccountClass.forChannels(0, LIMITS)).isEqualTo(AccountClass.NONE);
        assertThat(AccountClass.forChannels(1, LIMITS)).isEqualTo(AccountClass.I);
        assertThat(AccountClass.forChannels(2, LIMITS)).isEqualTo(AccountClass.I);
        assertThat(AccountClass.forChannels(3, LIMITS)).isEqualTo(AccountClass.II);
        assertThat(AccountClass.forChannels(5, LIMITS)).isEqualTo(AccountClass.III);
        assertThat(AccountClass.I.limitFen(LIMITS)).isEqualTo(1_000_00);
        assertThat(AccountClass.II.limitFen(LIMITS)).isEqualTo(100_000_00);
        assertThat(AccountClass.III.limitFen(LIMITS)).isEqualTo(200_000_00);
        assertThat(AccountClass.I.lifetimeLimit()).isTrue();
        assertThat(AccountClass.II.lifetimeLimit()).isFalse();
        Limits left = new Limits(AccountClass.I, true, 1_000_00, 999_99, 5_000_00, 999_99, 1_000_00, 0, 10, 0,
                1_000_00, 1_000_00);
        assertThat(left.classLeftFen()).isEqualTo(1);
        assertThat(left.dailyLeftFen()).isEqualTo(4_000_01);
    }

    @Test
    void amountsAreTypedInYuanAndCountedInFen() {
        assertThat(Yuan.parse("1,000.01")).contains(100001L);
        assertThat(Yuan.parse("0.1")).contains(10L);
        assertThat(Yuan.parse("5")).contains(500L);
        assertThat(Yuan.parse("1.001")).isEmpty();
        assertThat(Yuan.parse("-1")).isEmpty();
        assertThat(Yuan.parse("abc")).isEmpty();
        assertThat(Yuan.format(100011)).isEqualTo("1,000.11");
        assertThat(Yuan.format(-50)).isEqualTo("-0.50");
    }

    @Test
    void moneyMovesThroughItsStatesOnlyForward() {
        assertThat(MoneyStatus.SUBMITTED.next(MoneyStatus.PROCESSING)).isEqualTo(MoneyStatus.PROCESSING);
        assertThat(MoneyStatus.PROCESSING.canBecome(MoneyStatus.SUCCEEDED)).isTrue();
        assertThat(MoneyStatus.SUCCEEDED.isFinal()).isTrue();
        assertThatThrownBy(() -> MoneyStatus.FAILED.next(MoneyStatus.SUCCEEDED))
                .hasMessageContaining("FAILED operation cannot become SUCCEEDED");
        assertThatThrownBy(() -> MoneyStatus.PROCESSING.next(MoneyStatus.SUBMITTED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPaymentPasswordIsSixDigitsAndNotARun() {
        PaymentSecurity.checkNewPassword("284619");
        for (String weak : new String[] {"123456", "654321", "111111", "12345", "abcdef", "1234567"}) {
            assertThatThrownBy(() -> PaymentSecurity.checkNewPassword(weak)).as(weak)
                    .isInstanceOf(io.lingqian.platform.ApiProblemException.class);
        }
        assertThat(Duration.parse("PT3H")).isEqualTo(new WalletProperties.Password(5, Duration.ofHours(3)).lockDuration());
    }
}
