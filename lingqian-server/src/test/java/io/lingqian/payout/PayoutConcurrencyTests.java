package io.lingqian.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.TestPayers;

/**
 * Payouts of one merchant racing: the user's daily count holds (exactly ten of twelve pass), and one
 * number sent many times at once pays once.
 */
@ServerTest
class PayoutConcurrencyTests {

    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired OpenIds openIds;
    @Autowired TestPayers payers;
    @Autowired Payouts payouts;
    @Autowired CustomerAccounts accounts;
    @Autowired Ledger ledger;

    @Test
    void racingPayoutsKeepTheDailyCountAndOneNumberPaysOnce() throws Exception {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Rewards", List.of()).app().appid();
        long settlement = accounts.openMerchantSettlement(merchant.id());
        // paid in at the bank, not taken from the operator's capital, which other tests allocate from
        ledger.createTransfer(TransferRequest.single("test-fund-" + UUID.randomUUID(),
                PlatformAccount.bankReserve(PartnerBank.CMB).id(), settlement, 100_00, Ledger.CNY,
                TransferCode.ADJUSTMENT.code(), "test")).orThrow();
        TestPayers.Payer user = payers.withBalance(0);
        String openid = openIds.openidOf(appid, user.id());
        long wallet = accounts.openWallet(user.id());

        List<Callable<String>> distinct = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String no = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            distinct.add(() -> payouts.pay(merchant.id(), new NewPayout(no, appid, openid, null, 1_00, "race",
                    "hash-" + no)).state().name());
        }
        List<String> outcomes = race(distinct);
        assertThat(outcomes).filteredOn("SUCCESS"::equals).hasSize(10);
        assertThat(outcomes).filteredOn(PayoutRefusal.Reason.USER_DAILY_COUNT.name()::equals).hasSize(2);
        assertThat(ledger.account(wallet).orElseThrow().balances().creditBalance()).isEqualTo(10_00);

        TestPayers.Payer other = payers.withBalance(0);
        String otherOpenid = openIds.openidOf(appid, other.id());
        String same = "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        List<Callable<String>> repeated = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            repeated.add(() -> payouts.pay(merchant.id(), new NewPayout(same, appid, otherOpenid, null, 2_00, "once",
                    "hash-" + same)).payoutNo());
        }
        assertThat(race(repeated)).hasSize(6).containsOnly(payouts.payment(merchant.id(), same).orElseThrow().payoutNo());
        assertThat(ledger.account(accounts.openWallet(other.id())).orElseThrow().balances().creditBalance())
                .isEqualTo(2_00);
        assertThat(ledger.account(settlement).orElseThrow().balances().creditBalance()).isEqualTo(100_00 - 12_00);
    }

    /** Runs the calls at once; each outcome, or the refusal's reason. */
    private static List<String> race(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (PayoutRefusal refused) {
                        return refused.reason().name();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
