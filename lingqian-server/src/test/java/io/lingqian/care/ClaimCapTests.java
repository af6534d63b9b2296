package io.lingqian.care;

import static io.lingqian.care.ClaimTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.TestPayers;

/**
 * The yearly compensation cap (百万保障's 1,000,000 CNY, here configured to 50.00 so a test can reach
 * it): approvals past it are refused with nothing paid, and a new calendar year starts afresh.
 */
@ServerTest
@TestPropertySource(properties = "lingqian.care.yearly-compensation-cap-fen=5000")
class ClaimCapTests {

    @Autowired Claims claims;
    @Autowired CompensationFund fund;
    @Autowired CareFixtures fixtures;
    @Autowired TestMerchants merchants;
    @Autowired TestPayers payers;
    @Autowired CustomerAccounts accounts;
    @Autowired AdjustableClock clock;

    @Test
    void approvalsPastTheYearlyCapAreRefusedUntilTheNextYear() {
        fixtures.payInCapital(500_00);
        fund.allocate(CareFixtures.unique(), 500_00, "staff:test-finance");
        TestPayers.Payer payer = payers.withBalance(200_00);
        long wallet = accounts.openWallet(payer.id());
        Claim first = investigated(payer, 40_00);
        Claim second = investigated(payer, 20_00);

        claims.approve(first.id(), 40_00, null, "staff:r");
        assertProblem(() -> claims.approve(second.id(), 20_00, null, "staff:r"), "yearly_cap_reached");
        assertThat(claims.claim(second.id()).orElseThrow().state()).isEqualTo(ClaimState.INVESTIGATING);
        long afterFirst = fixtures.balance(wallet);
        claims.approve(second.id(), 10_00, "the rest of this year's cap", "staff:r");
        assertThat(fixtures.balance(wallet)).isEqualTo(afterFirst + 10_00);
        assertThat(claims.approvedThisYearFen(payer.id())).isEqualTo(50_00);

        Claim nextYear = investigated(payer, 30_00);
        assertProblem(() -> claims.approve(nextYear.id(), 1, null, "staff:r"), "yearly_cap_reached");
        clock.advance(Duration.ofDays(366));
        assertThat(claims.approve(nextYear.id(), 30_00, null, "staff:r").state()).isEqualTo(ClaimState.PAID);
    }

    private Claim investigated(TestPayers.Payer payer, long fen) {
        PaymentOrder paid = fixtures.paidOrder(merchants.approved(), payer, fen);
        Claim claim = claims.file(payer.id(), List.of("payment:" + paid.transactionId()), null, "stolen");
        return claims.investigate(claim.id(), "staff:r");
    }
}
