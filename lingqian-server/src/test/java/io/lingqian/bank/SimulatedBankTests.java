package io.lingqian.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.testing.ServerTest;

/** The simulated bank behind the connector: verification by SMS code, each test card's behaviour, statements. */
@ServerTest
class SimulatedBankTests {

    @Autowired BankConnector bank;
    @Autowired AdjustableClock clock;

    private final Random random = new Random();

    private String card(TestCard behaviour) {
        return behaviour.number(PartnerBank.CCB, CardType.DEBIT, random);
    }

    private static String op() {
        return "t-" + UUID.randomUUID();
    }

    private static FourElements elements(String card) {
        return new FourElements("Li Lei", "110101199003074514", card, "13800000001");
    }

    @Test
    void aFourElementCheckIsConfirmedWithTheSmsCodeTheSandboxShows() {
        VerificationChallenge challenge = bank.startVerification(elements(card(TestCard.ALWAYS_SUCCEEDS)));
        assertThat(challenge.bank()).isEqualTo(PartnerBank.CCB);
        assertThat(challenge.cardType()).isEqualTo(CardType.DEBIT);
        assertThat(challenge.maskedPhone()).isEqualTo("138****0001");
        String code = bank.sandboxSmsCode(challenge.challengeId()).orElseThrow();
        assertThat(code).matches("\\d{6}");

        String wrong = code.equals("000000") ? "111111" : "000000";
        VerificationResult miss = bank.confirmVerification(challenge.challengeId(), wrong);
        assertThat(miss.status()).isEqualTo(VerificationResult.Status.WRONG_CODE);
        assertThat(miss.attemptsLeft()).isEqualTo(4);

        assertThat(bank.confirmVerification(challenge.challengeId(), code).verified()).isTrue();
        // answered: neither the code nor the challenge can be used again
        assertThat(bank.confirmVerification(challenge.challengeId(), code).status())
                .isEqualTo(VerificationResult.Status.NOT_FOUND);
        assertThat(bank.sandboxSmsCode(challenge.challengeId())).isEmpty();
    }

    @Test
    void aCodeExpiresAndTooManyWrongCodesKillTheChallenge() {
        VerificationChallenge expiring = bank.startVerification(elements(card(TestCard.ALWAYS_SUCCEEDS)));
        String code = bank.sandboxSmsCode(expiring.challengeId()).orElseThrow();
        clock.advance(Duration.ofMinutes(3));
        assertThat(bank.confirmVerification(expiring.challengeId(), code).status())
                .isEqualTo(VerificationResult.Status.EXPIRED);

        VerificationChallenge guessed = bank.startVerification(elements(card(TestCard.ALWAYS_SUCCEEDS)));
        String right = bank.sandboxSmsCode(guessed.challengeId()).orElseThrow();
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            assertThat(bank.confirmVerification(guessed.challengeId(), wrong).status())
                    .isEqualTo(VerificationResult.Status.WRONG_CODE);
        }
        assertThat(bank.confirmVerification(guessed.challengeId(), wrong).status())
                .isEqualTo(VerificationResult.Status.TOO_MANY_ATTEMPTS);
        assertThat(bank.confirmVerification(guessed.challengeId(), right).status())
                .isEqualTo(VerificationResult.Status.NOT_FOUND);
    }

    @Test
    void theBankRefusesAWrongPhoneAndAnInvalidCard() {
        assertThatThrownBy(() -> bank.startVerification(elements(card(TestCard.WRONG_PHONE))))
                .isInstanceOf(BankException.class)
                .satisfies(e -> assertThat(((BankException) e).code()).isEqualTo(BankException.PHONE_MISMATCH));
        assertThatThrownBy(() -> bank.startVerification(elements("6225880000001235")))
                .isInstanceOf(BankException.class).hasMessageContaining("Luhn");
        assertThatThrownBy(() -> bank.debit(op(), "4111111111111111", 100))
                .isInstanceOf(BankException.class).hasMessageContaining("not issued");
    }

    @Test
    void anOrdinaryCardSucceedsAtOnceAndARepeatedOperationIsAnsweredNotRepeated() {
        String card = card(TestCard.ALWAYS_SUCCEEDS);
        String id = op();
        BankOperation first = bank.debit(id, card, 12_345);
        assertThat(first.status()).isEqualTo(BankOperation.Status.SUCCEEDED);
        assertThat(first.cardLastFour()).isEqualTo(card.substring(card.length() - 4));
        assertThat(bank.debit(id, card, 12_345)).isEqualTo(first);
        assertThatThrownBy(() -> bank.debit(id, card, 12_346)).isInstanceOf(BankException.class)
                .satisfies(e -> assertThat(((BankException) e).code()).isEqualTo(BankException.OPERATION_MISMATCH));
        assertThatThrownBy(() -> bank.credit(id, card, 12_345)).isInstanceOf(BankException.class);
        assertThat(bank.query(id)).contains(first);
        assertThat(bank.query(op())).isEmpty();
    }

    @Test
    void insufficientFundsFailsDebitsOnlyAndAFrozenCardFailsBoth() {
        String poor = card(TestCard.INSUFFICIENT_FUNDS);
        BankOperation debit = bank.debit(op(), poor, 100);
        assertThat(debit.status()).isEqualTo(BankOperation.Status.FAILED);
        assertThat(debit.failureCode()).isEqualTo(BankOperation.INSUFFICIENT_FUNDS);
        assertThat(debit.failureMessage()).contains("insufficient funds");
        assertThat(bank.credit(op(), poor, 100).status()).isEqualTo(BankOperation.Status.SUCCEEDED);

        String frozen = card(TestCard.CARD_FROZEN);
        assertThat(bank.startVerification(elements(frozen)).challengeId()).isNotBlank();
        assertThat(bank.debit(op(), frozen, 100).failureCode()).isEqualTo(BankOperation.CARD_FROZEN);
        assertThat(bank.credit(op(), frozen, 100).failureCode()).isEqualTo(BankOperation.CARD_FROZEN);
    }

    @Test
    void aTimeoutIsUnknownUntilTheBankHasFinished() {
        String good = op();
        String bad = op();
        assertThat(bank.credit(good, card(TestCard.TIMEOUT_THEN_SUCCEEDS), 500).status())
                .isEqualTo(BankOperation.Status.UNKNOWN);
        assertThat(bank.debit(bad, card(TestCard.TIMEOUT_THEN_FAILS), 500).status())
                .isEqualTo(BankOperation.Status.UNKNOWN);
        assertThat(bank.query(good).orElseThrow().status()).isEqualTo(BankOperation.Status.PROCESSING);
        assertThat(bank.query(bad).orElseThrow().status()).isEqualTo(BankOperation.Status.PROCESSING);

        clock.advance(Duration.ofSeconds(60));
        assertThat(bank.query(good).orElseThrow().status()).isEqualTo(BankOperation.Status.SUCCEEDED);
        BankOperation failed = bank.query(bad).orElseThrow();
        assertThat(failed.status()).isEqualTo(BankOperation.Status.FAILED);
        assertThat(failed.failureCode()).isEqualTo(BankOperation.BANK_SYSTEM_ERROR);
        assertThat(failed.completedAt()).isNotNull();
    }

    @Test
    void aSlowCardIsProcessingThenSucceeds() {
        String id = op();
        assertThat(bank.debit(id, card(TestCard.SLOW), 700).status()).isEqualTo(BankOperation.Status.PROCESSING);
        clock.advance(Duration.ofSeconds(29));
        assertThat(bank.query(id).orElseThrow().status()).isEqualTo(BankOperation.Status.PROCESSING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(bank.query(id).orElseThrow().status()).isEqualTo(BankOperation.Status.SUCCEEDED);
    }

    @Test
    void theDailyStatementListsFinishedOperationsOfThatBankAndDay() {
        String card = TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.NBCB, CardType.DEBIT, random);
        String done = op();
        String refused = op();
        String pending = op();
        bank.debit(done, card, 1_000);
        bank.credit(refused, TestCard.CARD_FROZEN.number(PartnerBank.NBCB, CardType.DEBIT, random), 2_000);
        bank.debit(pending, TestCard.SLOW.number(PartnerBank.NBCB, CardType.DEBIT, random), 3_000);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));

        var lines = bank.statement(PartnerBank.NBCB, today);
        assertThat(lines).extracting(StatementLine::operationId).contains(done, refused).doesNotContain(pending);
        StatementLine line = lines.stream().filter(l -> l.operationId().equals(done)).findFirst().orElseThrow();
        assertThat(line.amountFen()).isEqualTo(1_000);
        assertThat(line.kind()).isEqualTo(BankOperation.Kind.DEBIT);
        assertThat(line.status()).isEqualTo(BankOperation.Status.SUCCEEDED);
        assertThat(line.cardLastFour()).isEqualTo(card.substring(card.length() - 4));
        assertThat(bank.statement(PartnerBank.ICBC, today)).extracting(StatementLine::operationId).doesNotContain(done);
        assertThat(bank.statement(PartnerBank.NBCB, today.minusDays(1))).extracting(StatementLine::operationId)
                .doesNotContain(done);
    }
}
