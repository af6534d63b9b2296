package io.lingqian.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.testing.ServerTest;

/** Corporate accounts in the simulated bank: the account-name enquiry and payments, per test account. */
@ServerTest
class SimulatedBankAccountTests {

    private static final String HOLDER = "Shanghai Test Catering Co., Ltd.";

    @Autowired BankConnector bank;
    @Autowired AdjustableClock clock;

    private final Random random = new Random();

    private CorporateAccount account(TestAccount behaviour) {
        return new CorporateAccount(PartnerBank.CCB, behaviour.number(random), HOLDER);
    }

    private static String op() {
        return "t-" + UUID.randomUUID();
    }

    @Test
    void theEnquiryTellsAMatchingAccountFromAnotherHoldersAndAClosedOne() {
        assertThat(bank.enquireAccount(account(TestAccount.ALWAYS_SUCCEEDS)).status())
                .isEqualTo(AccountEnquiry.Status.MATCHES);
        assertThat(bank.enquireAccount(account(TestAccount.FROZEN)).status()).isEqualTo(AccountEnquiry.Status.MATCHES);
        assertThat(bank.enquireAccount(account(TestAccount.NAME_MISMATCH)).status())
                .isEqualTo(AccountEnquiry.Status.NAME_MISMATCH);
        assertThat(bank.enquireAccount(account(TestAccount.CLOSED)).status()).isEqualTo(AccountEnquiry.Status.CLOSED);
        assertThatThrownBy(() -> bank.enquireAccount(new CorporateAccount(PartnerBank.CCB, "12-34", HOLDER)))
                .isInstanceOfSatisfying(BankException.class, e -> assertThat(e.code()).isEqualTo(BankException.INVALID_ACCOUNT));
    }

    @Test
    void aPaymentIsIdempotentOnItsIdAndOnTheDailyStatement() {
        CorporateAccount payee = account(TestAccount.ALWAYS_SUCCEEDS);
        String id = op();
        BankOperation paid = bank.payToAccount(id, PartnerBank.ICBC, payee, 12_345);
        assertThat(paid.status()).isEqualTo(BankOperation.Status.SUCCEEDED);
        assertThat(paid.kind()).isEqualTo(BankOperation.Kind.ACCOUNT_CREDIT);
        assertThat(paid.bank()).isEqualTo(PartnerBank.ICBC);
        assertThat(paid.cardLastFour()).isEqualTo("9900");
        assertThat(bank.payToAccount(id, PartnerBank.ICBC, payee, 12_345)).isEqualTo(paid);
        assertThat(bank.query(id)).contains(paid);

        assertThatThrownBy(() -> bank.payToAccount(id, PartnerBank.ICBC, payee, 12_346))
                .isInstanceOfSatisfying(BankException.class, e -> assertThat(e.code()).isEqualTo(BankException.OPERATION_MISMATCH));
        assertThatThrownBy(() -> bank.payToAccount(id, PartnerBank.ICBC,
                new CorporateAccount(PartnerBank.CCB, payee.number(), "Someone Else Ltd"), 12_345))
                .isInstanceOf(BankException.class);

        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(bank.statement(PartnerBank.ICBC, today)).anySatisfy(line -> {
            assertThat(line.operationId()).isEqualTo(id);
            assertThat(line.kind()).isEqualTo(BankOperation.Kind.ACCOUNT_CREDIT);
            assertThat(line.amountFen()).isEqualTo(12_345);
            assertThat(line.status()).isEqualTo(BankOperation.Status.SUCCEEDED);
        });
        assertThat(bank.statement(PartnerBank.CCB, today)).noneMatch(line -> line.operationId().equals(id));
    }

    @Test
    void eachTestAccountAnswersAsDocumented() {
        assertThat(bank.payToAccount(op(), PartnerBank.ICBC, account(TestAccount.FROZEN), 100).failureCode())
                .isEqualTo(BankOperation.ACCOUNT_FROZEN);
        assertThat(bank.payToAccount(op(), PartnerBank.ICBC, account(TestAccount.CLOSED), 100).failureCode())
                .isEqualTo(BankOperation.ACCOUNT_CLOSED);
        assertThat(bank.payToAccount(op(), PartnerBank.ICBC, account(TestAccount.NAME_MISMATCH), 100).failureCode())
                .isEqualTo(BankOperation.ACCOUNT_NAME_MISMATCH);

        String late = op();
        String lost = op();
        assertThat(bank.payToAccount(late, PartnerBank.ICBC, account(TestAccount.TIMEOUT_THEN_SUCCEEDS), 100).status())
                .isEqualTo(BankOperation.Status.UNKNOWN);
        assertThat(bank.payToAccount(lost, PartnerBank.ICBC, account(TestAccount.TIMEOUT_THEN_FAILS), 100).status())
                .isEqualTo(BankOperation.Status.UNKNOWN);
        assertThat(bank.query(late).orElseThrow().status()).isEqualTo(BankOperation.Status.PROCESSING);
        clock.advance(Duration.ofSeconds(61));
        assertThat(bank.query(late).orElseThrow().status()).isEqualTo(BankOperation.Status.SUCCEEDED);
        assertThat(bank.query(lost).orElseThrow().failureCode()).isEqualTo(BankOperation.BANK_SYSTEM_ERROR);
    }
}
