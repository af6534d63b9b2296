package io.lingqian.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.internal.SimulatedSettlementBank;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/**
 * Payments of day D (plain ledger transfers until the payments context exists) settle on D+1, net of
 * fees and refunds, to the fen; a failing bank leaves the money with the merchant and shows the failure.
 */
@ServerTest
class SettlementTests {

    @Autowired Settlements settlements;
    @Autowired MerchantFees fees;
    @Autowired Onboarding onboarding;
    @Autowired CustomerAccounts customerAccounts;
    @Autowired Ledger ledger;
    @Autowired AdjustableClock clock;
    @Autowired TestUsers users;
    @Autowired SimulatedSettlementBank bank;
    @Autowired MerchantProperties properties;

    Merchant merchant;
    long merchantAccount;
    long wallet;

    @BeforeEach
    void anActiveMerchantAndAPayerWithMoney() {
        merchant = onboarding.active();
        merchantAccount = customerAccounts.openMerchantSettlement(merchant.id());
        wallet = customerAccounts.openWallet(users.walletUser().id());
        ledger.createTransfer(TransferRequest.single("test:topup:" + UUID.randomUUID(), reserve(), wallet,
                1_000_000, Ledger.CNY, TransferCode.TOPUP.code(), "test")).orThrow();
    }

    @AfterEach
    void theBankPaysAgain() {
        bank.answerWith(SettlementBank.Outcome.SUCCEEDED);
    }

    @Test
    void dayDsPaymentsLessFeesAndRefundsArePaidOutOnTheNextDay() {
        long reserveBefore = reserveBalance();
        String first = pay(10_000);      // fee 60 at 0.6 %
        pay(3_333);                      // fee 19.998 → 20
        refund(first, 10_000, 60, 2_500); // returns 15 of the fee
        long net = 10_000 - 60 + 3_333 - 20 - 2_500 + 15;

        assertThat(settlements.settle(merchant.id())).as("T+1: nothing is due on day D").isEmpty();
        assertThat(settlements.balance(merchant.id()).pendingFen()).isEqualTo(net);

        clock.advance(Duration.ofDays(1));
        Settlement paid = settlements.settle(merchant.id()).orElseThrow();
        assertThat(paid.state()).isEqualTo(SettlementState.PAID);
        assertThat(paid.amountFen()).isEqualTo(net);
        assertThat(paid.paymentsFen()).isEqualTo(13_333);
        assertThat(paid.refundsFen()).isEqualTo(2_500);
        assertThat(paid.feesFen()).isEqualTo(60 + 20 - 15);
        assertThat(paid.periodNetFen()).isEqualTo(net);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(0, 0, net));
        assertThat(reserveBalance()).as("the money left the platform's bank").isEqualTo(reserveBefore - net);

        assertThat(settlements.settle(merchant.id())).as("idempotent per merchant and day").contains(
                settlements.history(merchant.id()).get(0));
        assertThat(ledger.transfersByReference("settlement:" + paid.id())).hasSize(3);

        pay(500);
        clock.advance(Duration.ofDays(1));
        Settlement next = settlements.settle(merchant.id()).orElseThrow();
        assertThat(next.amountFen()).isEqualTo(500 - 3);
        assertThat(settlements.history(merchant.id())).extracting(Settlement::id).containsExactly(next.id(), paid.id());
        assertThat(settlements.report(next)).contains("paid_out_fen,497").contains("fees_fen,3");
    }

    @Test
    void aFailingBankLeavesTheMoneyWithTheMerchantAndTheFailureVisibleUntilARetryPays() {
        pay(20_000);
        long net = 20_000 - 120;
        clock.advance(Duration.ofDays(1));
        bank.answerWith(SettlementBank.Outcome.FAILED);

        Settlement failed = settlements.settle(merchant.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(SettlementState.FAILED);
        assertThat(failed.lastError()).contains("the simulated bank refused the payout");
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(net, 0, 0));
        assertThat(ledger.account(merchantAccount).orElseThrow().balances().availableCredit()).isEqualTo(net);
        assertThat(settlements.needingAttention()).extracting(Settlement::id).contains(failed.id());

        bank.answerWith(SettlementBank.Outcome.SUCCEEDED);
        Settlement retried = settlements.settle(merchant.id()).orElseThrow();
        assertThat(retried.id()).isEqualTo(failed.id());
        assertThat(retried.state()).isEqualTo(SettlementState.PAID);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(0, 0, net));
        assertThat(settlements.needingAttention()).extracting(Settlement::id).doesNotContain(failed.id());
    }

    @Test
    void anUnknownOutcomeKeepsTheHoldAndIsAskedAgainByTheJob() {
        pay(7_777);
        long net = 7_777 - 47; // 46.662 → 47
        clock.advance(Duration.ofDays(1));
        bank.answerWith(SettlementBank.Outcome.UNKNOWN);
        Settlement unknown = settlements.settle(merchant.id()).orElseThrow();
        assertThat(unknown.state()).isEqualTo(SettlementState.UNKNOWN);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(net, net, 0));

        settlements.run();
        assertThat(settlements.settlement(merchant.id(), unknown.id()).orElseThrow().state())
                .isEqualTo(SettlementState.UNKNOWN);

        bank.answerWith(SettlementBank.Outcome.SUCCEEDED);
        settlements.run();
        assertThat(settlements.settlement(merchant.id(), unknown.id()).orElseThrow().state())
                .isEqualTo(SettlementState.PAID);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(0, 0, net));
        assertThat(ledger.checkInvariants().ok()).isTrue();
    }

    @Test
    void aLongerCycleSetByStaffWaitsItsDays() {
        fees.override(merchant.id(), 100, 3, "digital goods", Onboarding.REVIEWER);
        pay(10_000); // 1 % → 100
        clock.advance(Duration.ofDays(1));
        assertThat(settlements.settle(merchant.id())).isEmpty();
        clock.advance(Duration.ofDays(2));
        assertThat(settlements.settle(merchant.id()).orElseThrow().amountFen()).isEqualTo(9_900);
    }

    private String pay(long amount) {
        String id = "test:pay:" + UUID.randomUUID();
        long fee = fees.feeOfPayment(merchant.id(), amount);
        List<TransferRequest> chain = new ArrayList<>();
        chain.add(TransferRequest.single(id, wallet, merchantAccount, amount, Ledger.CNY, TransferCode.PAYMENT.code(), id));
        if (fee > 0) {
            chain.add(TransferRequest.single(id + ":fee", merchantAccount, PlatformAccount.FEE_INCOME.id(), fee,
                    Ledger.CNY, TransferCode.PAYMENT_FEE.code(), id));
        }
        ledger.createLinked(chain).forEach(r -> r.orThrow());
        return id;
    }

    private void refund(String payment, long paymentAmount, long paymentFee, long refund) {
        long feeBack = Fees.refundFeeOf(paymentAmount, paymentFee, 0, 0, refund);
        ledger.createLinked(List.of(
                TransferRequest.single(payment + ":refund", merchantAccount, wallet, refund, Ledger.CNY,
                        TransferCode.REFUND.code(), payment),
                TransferRequest.single(payment + ":refund:fee", PlatformAccount.FEE_INCOME.id(), merchantAccount,
                        feeBack, Ledger.CNY, TransferCode.FEE_REFUND.code(), payment))).forEach(r -> r.orThrow());
    }

    private long reserve() {
        return PlatformAccount.bankReserve(properties.bank()).id();
    }

    private long reserveBalance() {
        return ledger.account(reserve()).orElseThrow().balances().debitBalance();
    }
}
