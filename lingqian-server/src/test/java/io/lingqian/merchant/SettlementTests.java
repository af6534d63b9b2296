package io.lingqian.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.bank.BankConnector;
import io.lingqian.bank.BankOperation;
import io.lingqian.bank.TestAccount;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferKind;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/**
 * Payments of day D (plain ledger transfers until the payments context exists) settle on D+1, net of
 * fees and refunds, to the fen, through the simulated bank: each test account's outcome ends in its
 * state with the money where it belongs, and the paying bank's reserve must cover every payout.
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
    @Autowired BankConnector bank;
    @Autowired MerchantProperties properties;

    Merchant merchant;
    long merchantAccount;
    long wallet;

    /** An active merchant paid to a settlement account of this behaviour, and a payer with money. */
    private void merchantWith(TestAccount account) {
        merchant = onboarding.active(account);
        merchantAccount = customerAccounts.openMerchantSettlement(merchant.id());
        wallet = customerAccounts.openWallet(users.walletUser().id());
        fund(reserve(), 1_000_000);
    }

    @Test
    void dayDsPaymentsLessFeesAndRefundsArePaidOutOnTheNextDay() {
        merchantWith(TestAccount.ALWAYS_SUCCEEDS);
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

        BankOperation atTheBank = bank.query("settlement:" + paid.id() + ":1").orElseThrow();
        assertThat(atTheBank.kind()).isEqualTo(BankOperation.Kind.ACCOUNT_CREDIT);
        assertThat(atTheBank.status()).isEqualTo(BankOperation.Status.SUCCEEDED);
        assertThat(atTheBank.amountFen()).isEqualTo(net);
        assertThat(atTheBank.bank()).isEqualTo(properties.bank());

        assertThat(settlements.settle(merchant.id())).as("idempotent per merchant and day").contains(
                settlements.history(merchant.id()).get(0));
        assertThat(ledger.transfersByReference("settlement:" + paid.id()))
                .extracting(t -> t.id().substring(t.id().lastIndexOf(':') + 1))
                .containsExactly("1", "hold", "post");

        pay(500);
        clock.advance(Duration.ofDays(1));
        Settlement next = settlements.settle(merchant.id()).orElseThrow();
        assertThat(next.amountFen()).isEqualTo(500 - 3);
        assertThat(settlements.history(merchant.id())).extracting(Settlement::id).containsExactly(next.id(), paid.id());
        assertThat(settlements.report(next)).contains("paid_out_fen,497").contains("fees_fen,3");
    }

    @Test
    void aFrozenAccountLeavesTheMoneyWithTheMerchantAndTheFailureVisibleThroughEveryRetry() {
        merchantWith(TestAccount.FROZEN);
        pay(20_000);
        long net = 20_000 - 120;
        long reserveBefore = reserveBalance();
        clock.advance(Duration.ofDays(1));

        Settlement failed = settlements.settle(merchant.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(SettlementState.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("ACCOUNT_FROZEN"));
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(net, 0, 0));
        assertThat(ledger.account(merchantAccount).orElseThrow().balances().availableCredit()).isEqualTo(net);
        assertThat(settlements.needingAttention()).extracting(Settlement::id).contains(failed.id());

        Settlement second = settlements.settle(merchant.id()).orElseThrow();
        Settlement third = settlements.settle(merchant.id()).orElseThrow();
        assertThat(List.of(second.attempts(), third.attempts())).containsExactly(2, 3);
        assertThat(settlements.settle(merchant.id()).orElseThrow().attempts()).as("3 attempts a day").isEqualTo(3);
        assertThat(third.state()).isEqualTo(SettlementState.FAILED);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(net, 0, 0));
        assertThat(reserveBalance()).isEqualTo(reserveBefore);
        assertThat(ledger.checkInvariants().ok()).isTrue();
    }

    @Test
    void aTimeoutThatSucceededIsPaidWhenTheJobAsksAgainAfterTheBankKnows() {
        merchantWith(TestAccount.TIMEOUT_THEN_SUCCEEDS);
        pay(7_777);
        long net = 7_777 - 47; // 46.662 → 47
        clock.advance(Duration.ofDays(1));
        long reserveBefore = reserveBalance();
        Settlement unknown = settlements.settle(merchant.id()).orElseThrow();
        assertThat(unknown.state()).isEqualTo(SettlementState.UNKNOWN);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(0, net, 0));
        assertThat(reserveHeld(properties.bank())).as("the reserve covers it").isGreaterThanOrEqualTo(net);

        settlements.run();
        assertThat(state(unknown)).as("the bank is still working on it").isEqualTo(SettlementState.UNKNOWN);

        clock.advance(Duration.ofSeconds(61));
        settlements.run();
        assertThat(state(unknown)).isEqualTo(SettlementState.PAID);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(0, 0, net));
        assertThat(reserveBalance()).isEqualTo(reserveBefore - net);
        assertThat(ledger.checkInvariants().ok()).isTrue();
    }

    @Test
    void aTimeoutThatFailedReturnsTheMoneyToTheMerchantWhenTheJobAsksAgain() {
        merchantWith(TestAccount.TIMEOUT_THEN_FAILS);
        pay(5_000);
        long net = 5_000 - 30;
        clock.advance(Duration.ofDays(1));
        long transitBefore = transit();
        Settlement unknown = settlements.settle(merchant.id()).orElseThrow();
        assertThat(unknown.state()).isEqualTo(SettlementState.UNKNOWN);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(0, net, 0));
        assertThat(transit() - transitBefore).isEqualTo(net);

        // each run learns the attempt failed, returns the money and sends the next (3 a day), which times out again
        for (int attempt = 1; attempt <= 3; attempt++) {
            clock.advance(Duration.ofSeconds(61));
            settlements.run();
            assertThat(bank.query("settlement:" + unknown.id() + ":" + attempt).orElseThrow().status())
                    .isEqualTo(BankOperation.Status.FAILED);
            assertThat(ledger.transfersByReference("settlement:" + unknown.id()))
                    .extracting(t -> t.id()).contains("settlement:" + unknown.id() + ":" + attempt + ":return");
        }
        Settlement failed = settlements.settlement(merchant.id(), unknown.id()).orElseThrow();
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.state()).isEqualTo(SettlementState.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("BANK_SYSTEM_ERROR"));
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(net, 0, 0));
        // settlements.run() also settles other tests' merchants in a shared database, so the reserve is
        // judged by this settlement's own transfers: every hold on it was voided, nothing was posted.
        assertThat(ledger.transfersByReference("settlement:" + unknown.id()))
                .noneMatch(t -> t.kind() == TransferKind.POST_PENDING)
                .noneMatch(t -> t.kind() == TransferKind.SINGLE
                        && (t.debitAccountId() == reserve() || t.creditAccountId() == reserve()));
        assertThat(ledger.checkInvariants().ok()).isTrue();
    }

    /**
     * The platform can pay out at a bank only what it holds there. The payout is held against the
     * reserve through the ledger, so one the reserve cannot cover is not sent: the money stays with
     * the merchant and staff see the settlement waiting, until the reserve covers it.
     */
    @Test
    void aPayoutTheReserveCannotCoverWaitsWithTheMerchantUntilItCan() {
        merchantWith(TestAccount.ALWAYS_SUCCEEDS);
        fees.override(merchant.id(), 0, 1, "fee-free to make the amount exact", Onboarding.REVIEWER);
        long covered = ledger.account(reserve()).orElseThrow().balances().availableDebit();
        long amount = covered + 100_00;
        fund(PlatformAccount.bankReserve(PartnerBank.NBCB).id(), amount); // the payer's money came through another bank
        pay(amount);
        clock.advance(Duration.ofDays(1));
        long reserveBefore = reserveBalance();
        long transitBefore = transit();

        Settlement waiting = settlements.settle(merchant.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(SettlementState.WAITING);
        assertThat(waiting.lastError()).hasValueSatisfying(e -> assertThat(e).contains("reserve"));
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(amount, 0, 0));
        assertThat(reserveBalance()).isEqualTo(reserveBefore);
        assertThat(transit()).isEqualTo(transitBefore);
        assertThat(ledger.transfersByReference("settlement:" + waiting.id())).isEmpty();
        assertThat(bank.query("settlement:" + waiting.id() + ":1")).as("nothing was sent").isEmpty();
        assertThat(settlements.needingAttention()).filteredOn(s -> s.id() == waiting.id())
                .extracting(Settlement::state).containsExactly(SettlementState.WAITING);

        clock.advance(Duration.ofDays(1));
        assertThat(settlements.settle(merchant.id())).as("a new day does not compete with the waiting one").isEmpty();
        assertThat(state(waiting)).isEqualTo(SettlementState.WAITING);

        fund(reserve(), 200_00); // money comes in at the paying bank
        settlements.settle(merchant.id());
        Settlement paid = settlements.settlement(merchant.id(), waiting.id()).orElseThrow();
        assertThat(paid.state()).isEqualTo(SettlementState.PAID);
        assertThat(paid.amountFen()).isEqualTo(amount);
        assertThat(paid.attempts()).isEqualTo(1);
        assertThat(settlements.balance(merchant.id())).isEqualTo(new MerchantBalance(0, 0, amount));
        assertThat(settlements.needingAttention()).extracting(Settlement::id).doesNotContain(waiting.id());
        assertThat(ledger.checkInvariants().ok()).isTrue();
    }

    @Test
    void aLongerCycleSetByStaffWaitsItsDays() {
        merchantWith(TestAccount.ALWAYS_SUCCEEDS);
        fees.override(merchant.id(), 100, 3, "digital goods", Onboarding.REVIEWER);
        pay(10_000); // 1 % → 100
        clock.advance(Duration.ofDays(1));
        assertThat(settlements.settle(merchant.id())).isEmpty();
        clock.advance(Duration.ofDays(2));
        assertThat(settlements.settle(merchant.id()).orElseThrow().amountFen()).isEqualTo(9_900);
    }

    private SettlementState state(Settlement s) {
        return settlements.settlement(merchant.id(), s.id()).orElseThrow().state();
    }

    /** Money arrives at a bank for the payer: a top-up in the ledger. */
    private void fund(long reserve, long amount) {
        ledger.createTransfer(TransferRequest.single("test:topup:" + UUID.randomUUID(), reserve, wallet,
                amount, Ledger.CNY, TransferCode.TOPUP.code(), "test")).orThrow();
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

    private long reserveHeld(PartnerBank bank) {
        return ledger.account(PlatformAccount.bankReserve(bank).id()).orElseThrow().balances().creditsPending();
    }

    private long transit() {
        Balances b = ledger.account(PlatformAccount.SETTLEMENT_IN_TRANSIT.id()).orElseThrow().balances();
        return b.creditsPosted() - b.debitsPosted();
    }
}
