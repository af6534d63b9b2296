package io.lingqian.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.Bill;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletHistory;

/**
 * Compensation claims end to end through the services: filed on the user's own bills only, taken up,
 * approved in full or in part and paid from the compensation fund once, rejected with a reason, and
 * refused with nothing changed when the fund is short, the amount too high, or the state wrong.
 */
@ServerTest
class ClaimTests {

    private static final String STAFF = "staff:test-risk";

    @Autowired Claims claims;
    @Autowired CompensationFund fund;
    @Autowired CareFixtures fixtures;
    @Autowired TestMerchants merchants;
    @Autowired TestPayers payers;
    @Autowired CustomerAccounts accounts;
    @Autowired WalletHistory history;
    @Autowired Ledger ledger;

    @Test
    void anApprovedClaimPaysTheUserFromTheFundOnceUnderTheClaimsTransfer() {
        fundHolds(1_000_00);
        TestPayers.Payer payer = payers.withBalance(100_00);
        PaymentOrder paid = fixtures.paidOrder(merchants.approved(), payer, 30_00);
        long wallet = accounts.openWallet(payer.id());
        long fundBefore = fund.balanceFen();

        Claim claim = claims.file(payer.id(), List.of("payment:" + paid.transactionId()), null,
                "My phone was stolen and someone paid with it.");
        assertThat(claim.state()).isEqualTo(ClaimState.SUBMITTED);
        assertThat(claim.claimedFen()).isEqualTo(30_00);
        claims.investigate(claim.id(), STAFF);
        Claim approved = claims.approve(claim.id(), 30_00, "verified with the police report", STAFF);

        assertThat(approved.state()).isEqualTo(ClaimState.PAID);
        assertThat(approved.approvedFen()).isEqualTo(30_00);
        assertThat(fixtures.balance(wallet)).isEqualTo(100_00);
        assertThat(fund.balanceFen()).isEqualTo(fundBefore - 30_00);
        Bill bill = history.bill(payer.id(), "claim:" + claim.id());
        assertThat(bill.kind()).isEqualTo("COMPENSATION");
        assertThat(bill.amountFen()).isEqualTo(30_00);
        assertThat(ledger.transfer("claim:" + claim.id())).get()
                .satisfies(t -> assertThat(t.debitAccountId()).isEqualTo(PlatformAccount.COMPENSATION_FUND.id()));

        assertThat(claims.approve(claim.id(), 30_00, null, STAFF).state()).isEqualTo(ClaimState.PAID);
        assertThat(fixtures.balance(wallet)).as("a repeated approval pays nothing twice").isEqualTo(100_00);
        assertProblem(() -> claims.approve(claim.id(), 20_00, null, STAFF), "illegal_transition");
        assertThat(claims.events(claim.id())).extracting(CareEvent::toState)
                .containsExactly("SUBMITTED", "INVESTIGATING", "APPROVED", "PAID");
        assertThat(claims.ofUser(payer.id(), claim.id()).state()).isEqualTo(ClaimState.PAID);
    }

    @Test
    void aPartialApprovalPaysThePartAndMoreThanClaimedIsRefused() {
        fundHolds(1_000_00);
        TestPayers.Payer payer = payers.withBalance(100_00);
        PaymentOrder first = fixtures.paidOrder(merchants.approved(), payer, 20_00);
        PaymentOrder second = fixtures.paidOrder(merchants.approved(), payer, 10_00);
        long wallet = accounts.openWallet(payer.id());
        Claim claim = claims.file(payer.id(), List.of("payment:" + first.transactionId(),
                "payment:" + second.transactionId()), 25_00L, "Two payments I never made.");
        assertThat(claim.bills()).extracting(Claim.ClaimedBill::amountFen).containsExactlyInAnyOrder(20_00L, 10_00L);
        claims.investigate(claim.id(), STAFF);

        assertProblem(() -> claims.approve(claim.id(), 25_01, null, STAFF), "validation_failed");
        assertThat(fixtures.balance(wallet)).isEqualTo(70_00);

        Claim approved = claims.approve(claim.id(), 12_00, "the second payment was the user's own", STAFF);
        assertThat(approved.approvedFen()).isEqualTo(12_00);
        assertThat(approved.decisionReason()).isEqualTo("the second payment was the user's own");
        assertThat(fixtures.balance(wallet)).isEqualTo(82_00);
    }

    @Test
    void aClaimOnAnotherUsersBillOrOnMoneyThatCameInIsRefusedAndABillIsClaimedOnce() {
        TestPayers.Payer victim = payers.withBalance(50_00);
        TestPayers.Payer other = payers.withBalance(50_00);
        PaymentOrder paid = fixtures.paidOrder(merchants.approved(), victim, 10_00);
        String bill = "payment:" + paid.transactionId();

        assertProblem(() -> claims.file(other.id(), List.of(bill), null, "not mine"), "bill_not_found");
        String topUp = history.bills(victim.id(), null, "TOPUP").get(0).reference();
        assertProblem(() -> claims.file(victim.id(), List.of(topUp), null, "a top-up"), "bill_not_claimable");
        assertProblem(() -> claims.file(victim.id(), List.of(bill), 10_01L, "too much"), "claim_too_high");
        assertProblem(() -> claims.file(victim.id(), List.of(bill), null, "  "), "validation_failed");
        assertThat(claims.ofUser(other.id())).isEmpty();
        assertThat(claims.ofUser(victim.id())).isEmpty();

        Claim claim = claims.file(victim.id(), List.of(bill), null, "stolen");
        assertProblem(() -> claims.file(victim.id(), List.of(bill), null, "again"), "bill_already_claimed");
        assertProblem(() -> claims.ofUser(other.id(), claim.id()), "not_found");
    }

    @Test
    void aRejectedClaimCarriesItsReasonAndCanNoLongerBeApproved() {
        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder paid = fixtures.paidOrder(merchants.approved(), payer, 10_00);
        Claim claim = claims.file(payer.id(), List.of("payment:" + paid.transactionId()), null, "stolen");

        assertProblem(() -> claims.approve(claim.id(), 10_00, null, STAFF), "illegal_transition");
        claims.investigate(claim.id(), STAFF);
        assertProblem(() -> claims.reject(claim.id(), "", STAFF), "validation_failed");
        Claim rejected = claims.reject(claim.id(), "The payment was made from your own phone with your password.",
                STAFF);

        assertThat(rejected.state()).isEqualTo(ClaimState.REJECTED);
        assertThat(claims.ofUser(payer.id(), claim.id()).decisionReason()).contains("your own phone");
        assertProblem(() -> claims.approve(claim.id(), 10_00, null, STAFF), "illegal_transition");
        assertThat(fixtures.balance(accounts.openWallet(payer.id()))).isEqualTo(40_00);
        // A rejected claim lets go of its bill: the user may claim it again with more evidence.
        assertThat(claims.file(payer.id(), List.of("payment:" + paid.transactionId()), null, "new evidence")
                .state()).isEqualTo(ClaimState.SUBMITTED);
    }

    @Test
    void anEmptyFundRefusesTheApprovalWithNothingChangedUntilFinanceAllocatesMoney() {
        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder paid = fixtures.paidOrder(merchants.approved(), payer, 40_00);
        Claim claim = claims.file(payer.id(), List.of("payment:" + paid.transactionId()), null, "stolen");
        claims.investigate(claim.id(), STAFF);
        long wallet = accounts.openWallet(payer.id());
        fixtures.emptyFund();

        assertProblem(() -> claims.approve(claim.id(), 40_00, null, STAFF), "compensation_fund_short");
        assertThat(claims.claim(claim.id()).orElseThrow().state()).isEqualTo(ClaimState.INVESTIGATING);
        assertThat(claims.claim(claim.id()).orElseThrow().approvedFen()).isNull();
        assertThat(fixtures.balance(wallet)).isEqualTo(10_00);
        assertThat(ledger.transfer("claim:" + claim.id())).isEmpty();

        fixtures.payInCapital(100_00);
        String key = CareFixtures.unique();
        fund.allocate(key, 40_00, "staff:test-finance");
        fund.allocate(key, 40_00, "staff:test-finance");
        assertThat(fund.balanceFen()).as("the same request allocates once").isEqualTo(40_00);
        assertProblem(() -> fund.allocate(key, 41_00, "staff:test-finance"), "request_key_reused");

        assertThat(claims.approve(claim.id(), 40_00, null, STAFF).state()).isEqualTo(ClaimState.PAID);
        assertThat(fixtures.balance(wallet)).isEqualTo(50_00);
        assertThat(fund.balanceFen()).isZero();
    }

    @Test
    void allocatingMoreThanOperatorCapitalHoldsIsRefused() {
        long capital = fund.operatorCapitalFen();
        long fundBefore = fund.balanceFen();
        assertProblem(() -> fund.allocate(CareFixtures.unique(), Math.max(capital, 0) + 1, "staff:x"), "capital_short");
        assertThat(fund.balanceFen()).isEqualTo(fundBefore);
    }

    private void fundHolds(long atLeastFen) {
        if (fund.balanceFen() < atLeastFen) {
            fixtures.payInCapital(atLeastFen);
            fund.allocate(CareFixtures.unique(), atLeastFen, "staff:test-finance");
        }
    }

    static void assertProblem(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiProblemException.class,
                p -> assertThat(p.code()).isEqualTo(code));
    }
}
