package io.lingqian.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentReceipt;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.Refund;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeType;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.TestPayers;

/**
 * Coupons from stock to payment to refund, through the services: who pays for each kind of coupon
 * (checked on every ledger account it touches), the payer's choice, budgets and single use under
 * concurrency, partial and full refunds, stop and expiry returning the budget.
 */
@ServerTest
class CouponPaymentTests {

    @Autowired
    TestMerchants merchants;
    @Autowired
    TestPayers payers;
    @Autowired
    MerchantApps apps;
    @Autowired
    PaymentOrders orders;
    @Autowired
    PaymentRecords records;
    @Autowired
    Cashier cashier;
    @Autowired
    Refunds refunds;
    @Autowired
    CouponStocks stocks;
    @Autowired
    Coupons coupons;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    LedgerJobs ledgerJobs;
    @Autowired
    AdjustableClock clock;

    TestMerchants.ApprovedMerchant shop;
    CouponStocks.Creator shopCreator;
    String appid;

    @BeforeEach
    void shop() {
        shop = merchants.approved();
        shopCreator = CouponStocks.Creator.merchant(shop.id(), shop.mchid());
        appid = apps.register(shop.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
    }

    @Test
    void aMerchantFundedCouponLowersWhatThePayerPaysAndWhatTheMerchantReceives() {
        CouponStock stock = started(shopCreator, stockOf(StockFunding.MERCHANT, 10_00, 50_00, 10, List.of()));
        TestPayers.Payer payer = payers.withBalance(500_00);
        Coupon coupon = coupons.send(shopCreator, stock.stockId(), payer.id(), "send-" + UUID.randomUUID(), appid);
        long settlement = accounts.openMerchantSettlement(shop.id());

        PaymentReceipt paid = pay(payer, order(100_00), PaymentHook.CouponChoice.BEST);

        assertThat(paid.payerTotalFen()).isEqualTo(90_00);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(500_00 - 90_00);
        // The merchant gets only what the payer paid, less 0.6 % of it (54 fen): it funded the 10.00.
        assertThat(balance(settlement)).isEqualTo(90_00 - 54);
        assertThat(ledger.transfersByReference("payment:" + paid.transactionId()))
                .noneMatch(t -> t.code() == TransferCode.COUPON_REDEMPTION.code());
        PaymentOrder order = orders.byTransactionId(shop.id(), paid.transactionId());
        assertThat(records.discountsOf(order)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(coupon.couponId());
            assertThat(d.amountFen()).isEqualTo(10_00);
            assertThat(d.promotion().type()).isEqualTo(PaymentHook.PromotionType.NOCASH);
            assertThat(d.promotion().merchantContributeFen()).isEqualTo(10_00);
            assertThat(d.promotion().stockId()).isEqualTo(stock.stockId());
        });
        assertThat(records.settlementTotalFen(order)).isEqualTo(90_00);
        assertThat(coupons.coupon(payer.id(), coupon.couponId()).status()).isEqualTo(CouponStatus.USED);
        assertThat(stocks.stock(shopCreator, stock.stockId()).usedFen()).isEqualTo(10_00);

        // Used once: the next payment finds no coupon and pays in full.
        assertThat(pay(payer, order(20_00), PaymentHook.CouponChoice.BEST).payerTotalFen()).isEqualTo(20_00);
    }

    @Test
    void aPlatformFundedCouponIsPaidToTheMerchantFromTheStocksBudgetAndStopReturnsWhatWasNotSent() {
        long capitalBefore = balance(PlatformAccount.OPERATOR_CAPITAL.id());
        CouponStock stock = started(CouponStocks.Creator.PLATFORM,
                stockOf(StockFunding.PLATFORM, 5_00, 30_00, 3, List.of(shop.mchid())));
        long stockAccount = stock.fundingAccountId();
        assertThat(balance(stockAccount)).isEqualTo(15_00);
        assertThat(balance(PlatformAccount.OPERATOR_CAPITAL.id())).isEqualTo(capitalBefore - 15_00);
        TestPayers.Payer payer = payers.withBalance(100_00);
        Coupon coupon = coupons.claim(payer.id(), stock.stockId(), "t1");
        assertThat(coupons.claim(payer.id(), stock.stockId(), "t1").couponId())
                .as("the same claim form sent twice claims once").isEqualTo(coupon.couponId());
        long settlement = accounts.openMerchantSettlement(shop.id());

        PaymentReceipt paid = pay(payer, order(40_00), PaymentHook.CouponChoice.BEST);

        assertThat(paid.payerTotalFen()).isEqualTo(35_00);
        // The merchant is paid the whole 40.00: 35.00 from the payer, 5.00 from the stock; fee on 40.00.
        assertThat(balance(settlement)).isEqualTo(40_00 - 24);
        assertThat(balance(stockAccount)).isEqualTo(10_00);
        PaymentHook.Discount d = records.discountsOf(orders.byTransactionId(shop.id(), paid.transactionId())).get(0);
        assertThat(d.promotion().type()).isEqualTo(PaymentHook.PromotionType.CASH);
        assertThat(d.promotion().wechatpayContributeFen()).isEqualTo(5_00);

        stocks.stop(CouponStocks.Creator.PLATFORM, stock.stockId());
        // One coupon of three was sent: the other two (10.00) return; nothing is left to use.
        assertThat(balance(stockAccount)).isZero();
        assertThat(balance(PlatformAccount.OPERATOR_CAPITAL.id())).isEqualTo(capitalBefore - 5_00);
        assertThatThrownBy(() -> coupons.claim(payer.id(), stock.stockId(), "t2"))
                .isInstanceOf(MarketingRefusal.class).hasMessageContaining("stoped");
        assertThat(ledgerJobs.checkInvariants().ok()).isTrue();
    }

    @Test
    void aSponsorFundsTheBudgetFromItsSettlementAndCannotStartWithoutTheMoney() {
        TestMerchants.ApprovedMerchant sponsor = merchants.approved();
        CouponStocks.Creator creator = CouponStocks.Creator.merchant(sponsor.id(), sponsor.mchid());
        CouponStock stock = stocks.create(creator, stockOf(StockFunding.SPONSOR, 8_00, 16_00, 2, List.of(shop.mchid())),
                null, null);

        assertThatThrownBy(() -> stocks.start(creator, stock.stockId())).isInstanceOf(MarketingRefusal.class)
                .extracting(e -> ((MarketingRefusal) e).reason()).isEqualTo(MarketingRefusal.Reason.NOT_ENOUGH);
        assertThat(stocks.stock(creator, stock.stockId()).status()).isEqualTo(StockStatus.CREATED);

        long sponsorSettlement = accounts.openMerchantSettlement(sponsor.id());
        ledger.createTransfer(TransferRequest.single("test-fund-" + UUID.randomUUID(),
                PlatformAccount.OPERATOR_CAPITAL.id(), sponsorSettlement, 20_00, Ledger.CNY,
                TransferCode.ADJUSTMENT.code(), "test")).orThrow();
        CouponStock running = stocks.start(creator, stock.stockId());
        assertThat(balance(sponsorSettlement)).isEqualTo(4_00);
        TestPayers.Payer payer = payers.withBalance(100_00);
        coupons.send(creator, stock.stockId(), payer.id(), "s-" + UUID.randomUUID(), null);

        PaymentReceipt paid = pay(payer, order(30_00), PaymentHook.CouponChoice.BEST);

        PaymentHook.Discount d = records.discountsOf(orders.byTransactionId(shop.id(), paid.transactionId())).get(0);
        assertThat(d.fundingAccountId()).isEqualTo(running.fundingAccountId());
        assertThat(d.promotion().otherContributeFen()).isEqualTo(8_00);
        assertThat(balance(accounts.openMerchantSettlement(shop.id()))).isEqualTo(30_00 - 18);
        // Another merchant cannot act on the sponsor's stock.
        assertThatThrownBy(() -> stocks.pause(shopCreator, stock.stockId())).isInstanceOf(MarketingRefusal.class)
                .extracting(e -> ((MarketingRefusal) e).reason()).isEqualTo(MarketingRefusal.Reason.NOT_FOUND);
    }

    @Test
    void thePayerMayChooseNoCouponOrAnotherAndAnInapplicableOneIsRefusedWithNothingPaid() {
        CouponStock small = started(shopCreator, stockOf(StockFunding.MERCHANT, 2_00, 20_00, 10, List.of()));
        CouponStock big = started(shopCreator, new NewStock("Big", null, StockFunding.MERCHANT, 6_00, 50_00, 10, 60_00,
                60_00, 5, clock.instant(), clock.instant().plus(Duration.ofDays(30)), List.of(), List.of(), false));
        TestPayers.Payer payer = payers.withBalance(500_00);
        Coupon smallCoupon = coupons.send(shopCreator, small.stockId(), payer.id(), "a-" + UUID.randomUUID(), null);
        Coupon bigCoupon = coupons.send(shopCreator, big.stockId(), payer.id(), "b-" + UUID.randomUUID(), null);

        PaymentOrder belowThreshold = order(40_00);
        assertThat(coupons.offers(payer.id(), belowThreshold)).extracting(o -> o.coupon().couponId())
                .containsExactly(smallCoupon.couponId());
        assertThatThrownBy(() -> pay(payer, belowThreshold, PaymentHook.CouponChoice.of(bigCoupon.couponId())))
                .isInstanceOf(ApiProblemException.class).hasMessageContaining("cannot be used");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(500_00);

        assertThat(pay(payer, belowThreshold, PaymentHook.CouponChoice.NONE).payerTotalFen()).isEqualTo(40_00);
        PaymentOrder big1 = order(60_00);
        assertThat(coupons.offers(payer.id(), big1)).extracting(Coupons.Offer::discountFen).containsExactly(6_00L, 2_00L);
        assertThat(pay(payer, big1, PaymentHook.CouponChoice.of(smallCoupon.couponId())).payerTotalFen())
                .isEqualTo(58_00);
        assertThat(pay(payer, order(60_00), PaymentHook.CouponChoice.BEST).payerTotalFen()).isEqualTo(54_00);
    }

    @Test
    void manyUsersClaimingAndPayingAtOnceNeverPassTheBudgetNorUseACouponTwice() throws Exception {
        CouponStock stock = started(CouponStocks.Creator.PLATFORM,
                stockOf(StockFunding.PLATFORM, 3_00, 0, 5, List.of(shop.mchid())));
        int users = 12;
        List<TestPayers.Payer> payersList = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            payersList.add(payers.withBalance(50_00));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (TestPayers.Payer p : payersList) {
                // Each user tries twice (the cap is 5 per user, the stock 5 coupons in all).
                claims.add(() -> claimQuietly(p, stock, "x"));
                claims.add(() -> claimQuietly(p, stock, "y"));
            }
            long claimed = 0;
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                claimed += f.get() ? 1 : 0;
            }
            assertThat(claimed).isEqualTo(5);
            CouponStock after = stocks.byStockId(stock.stockId()).orElseThrow();
            assertThat(after.distributedCoupons()).isEqualTo(5);
            assertThat(after.distributedFen()).isEqualTo(15_00);

            // Every user pays two orders at once: each coupon is used exactly once.
            List<Callable<Long>> payments = new ArrayList<>();
            for (TestPayers.Payer p : payersList) {
                for (int k = 0; k < 2; k++) {
                    PaymentOrder o = order(10_00);
                    payments.add(() -> pay(p, o, PaymentHook.CouponChoice.BEST).payerTotalFen());
                }
            }
            long discounted = 0;
            for (Future<Long> f : pool.invokeAll(payments)) {
                discounted += 10_00 - f.get();
            }
            assertThat(discounted).isEqualTo(15_00);
        } finally {
            pool.shutdown();
        }
        CouponStock used = stocks.byStockId(stock.stockId()).orElseThrow();
        assertThat(used.usedCoupons()).isEqualTo(5);
        assertThat(balance(used.fundingAccountId())).isZero();
        assertThat(ledgerJobs.checkInvariants().ok()).isTrue();
    }

    @Test
    void refundsReturnTheCouponShareInProportionToItsFunderAndThePayersShareToThePayer() {
        CouponStock stock = started(CouponStocks.Creator.PLATFORM,
                stockOf(StockFunding.PLATFORM, 20_00, 0, 2, List.of(shop.mchid())));
        TestPayers.Payer payer = payers.withBalance(200_00);
        coupons.claim(payer.id(), stock.stockId(), "r");
        PaymentReceipt paid = pay(payer, order(100_00), PaymentHook.CouponChoice.BEST);
        long wallet = accounts.openWallet(payer.id());
        long settlement = accounts.openMerchantSettlement(shop.id());
        long stockAccount = stock.fundingAccountId();
        assertThat(balance(stockAccount)).isEqualTo(20_00);
        assertThat(balance(settlement)).isEqualTo(100_00 - 60);

        Refund partial = refunds.refund(shop.id(), refund(paid, "RA", 25_00));

        // 25 % of the order: 20.00 to the payer (25 % of 80.00), 5.00 (25 % of the coupon) to the stock.
        assertThat(partial.payerRefundFen()).isEqualTo(20_00);
        assertThat(partial.discountRefundFen()).isEqualTo(5_00);
        assertThat(balance(wallet)).isEqualTo(200_00 - 80_00 + 20_00);
        assertThat(balance(stockAccount)).isEqualTo(25_00);
        assertThat(refunds.discountShares(partial)).singleElement()
                .satisfies(s -> assertThat(s.refundFen()).isEqualTo(5_00));

        Refund rest = refunds.refund(shop.id(), refund(paid, "RB", 75_00));
        assertThat(rest.payerRefundFen()).isEqualTo(60_00);
        assertThat(rest.discountRefundFen()).isEqualTo(15_00);
        assertThat(balance(wallet)).isEqualTo(200_00);
        assertThat(balance(stockAccount)).isEqualTo(40_00);
        // Everything the merchant got came back, fee included: it ends where it started.
        assertThat(balance(settlement)).isZero();
        assertThat(refunds.discountShares(rest)).singleElement()
                .satisfies(s -> assertThat(s.refundFen()).isEqualTo(15_00));
    }

    @Test
    void aMerchantFundedCouponsShareOfARefundIsNotPaidByTheMerchant() {
        CouponStock stock = started(shopCreator, stockOf(StockFunding.MERCHANT, 30_00, 0, 1, List.of()));
        TestPayers.Payer payer = payers.withBalance(200_00);
        coupons.send(shopCreator, stock.stockId(), payer.id(), "m-" + UUID.randomUUID(), null);
        PaymentReceipt paid = pay(payer, order(100_00), PaymentHook.CouponChoice.BEST);
        long settlement = accounts.openMerchantSettlement(shop.id());
        // Fee on the 70.00 the merchant settles: 42 fen.
        assertThat(balance(settlement)).isEqualTo(70_00 - 42);

        Refund half = refunds.refund(shop.id(), refund(paid, "RM", 50_00));

        assertThat(half.payerRefundFen()).isEqualTo(35_00);
        assertThat(half.discountRefundFen()).isEqualTo(15_00);
        assertThat(refunds.discountShares(half)).singleElement().satisfies(s -> {
            assertThat(s.merchantFunded()).isTrue();
            assertThat(s.refundFen()).isEqualTo(15_00);
        });
        assertThat(balance(settlement)).isEqualTo(70_00 - 42 - 35_00 + 21);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(200_00 - 70_00 + 35_00);
    }

    @Test
    void expiryReturnsWhatIsLeftAndCouponsOfAnExpiredStockNoLongerApply() {
        long capitalBefore = balance(PlatformAccount.OPERATOR_CAPITAL.id());
        CouponStock stock = started(CouponStocks.Creator.PLATFORM, new NewStock("Short", null, StockFunding.PLATFORM,
                4_00, 0, 3, 12_00, 12_00, 3, clock.instant(), clock.instant().plus(Duration.ofHours(1)), List.of(),
                List.of(shop.mchid()), false));
        TestPayers.Payer payer = payers.withBalance(100_00);
        Coupon coupon = coupons.claim(payer.id(), stock.stockId(), "e");
        PaymentOrder later = order(20_00);

        clock.advance(Duration.ofHours(2));
        assertThat(coupons.offers(payer.id(), later)).isEmpty();
        stocks.expireDue();

        assertThat(stocks.byStockId(stock.stockId()).orElseThrow().status()).isEqualTo(StockStatus.EXPIRED);
        assertThat(coupons.coupon(payer.id(), coupon.couponId()).status()).isEqualTo(CouponStatus.EXPIRED);
        assertThat(balance(stock.fundingAccountId())).isZero();
        assertThat(balance(PlatformAccount.OPERATOR_CAPITAL.id())).isEqualTo(capitalBefore);
    }

    @Test
    void badStocksAndIllegalMovesAreRefusedWithNothingChanged() {
        Instant now = clock.instant();
        assertThatThrownBy(() -> stocks.create(shopCreator, new NewStock("Too many", null, StockFunding.MERCHANT,
                1_00, 0, 10, 10_00, 10_00, 61, now, now.plus(Duration.ofDays(1)), List.of(), List.of(), false), null,
                null)).isInstanceOf(MarketingRefusal.class).hasMessageContaining("max_coupons_per_user");
        assertThatThrownBy(() -> stocks.create(shopCreator, new NewStock("Budget", null, StockFunding.MERCHANT,
                1_00, 0, 10, 11_00, 10_00, 5, now, now.plus(Duration.ofDays(1)), List.of(), List.of(), false), null,
                null)).isInstanceOf(MarketingRefusal.class).hasMessageContaining("max_amount");
        CouponStock stock = stocks.create(shopCreator, stockOf(StockFunding.MERCHANT, 1_00, 0, 5, List.of()),
                "req-" + UUID.randomUUID(), "h1");
        assertThatThrownBy(() -> stocks.pause(shopCreator, stock.stockId())).isInstanceOf(MarketingRefusal.class)
                .hasMessageContaining("unactivated");
        TestPayers.Payer payer = payers.withBalance(1_00);
        assertThatThrownBy(() -> coupons.send(shopCreator, stock.stockId(), payer.id(), "n", null))
                .isInstanceOf(MarketingRefusal.class).hasMessageContaining("not running");
        stocks.start(shopCreator, stock.stockId());
        stocks.pause(shopCreator, stock.stockId());
        assertThatThrownBy(() -> coupons.send(shopCreator, stock.stockId(), payer.id(), "n", null))
                .isInstanceOf(MarketingRefusal.class).hasMessageContaining("paused");
        assertThat(stocks.restart(shopCreator, stock.stockId()).status()).isEqualTo(StockStatus.ACTIVE);
        String out = "same-" + UUID.randomUUID();
        Coupon first = coupons.send(shopCreator, stock.stockId(), payer.id(), out, null);
        assertThat(coupons.send(shopCreator, stock.stockId(), payer.id(), out, null).couponId())
                .isEqualTo(first.couponId());
        TestPayers.Payer other = payers.withBalance(1_00);
        assertThatThrownBy(() -> coupons.send(shopCreator, stock.stockId(), other.id(), out, null))
                .isInstanceOf(MarketingRefusal.class).extracting(e -> ((MarketingRefusal) e).reason())
                .isEqualTo(MarketingRefusal.Reason.REQUEST_REUSED);
        assertThat(stocks.byStockId(stock.stockId()).orElseThrow().distributedCoupons()).isEqualTo(1);
    }

    private boolean claimQuietly(TestPayers.Payer payer, CouponStock stock, String token) {
        try {
            coupons.claim(payer.id(), stock.stockId(), token);
            return true;
        } catch (MarketingRefusal e) {
            assertThat(e.reason()).isIn(MarketingRefusal.Reason.BUDGET_EXHAUSTED);
            return false;
        }
    }

    private NewStock stockOf(StockFunding funding, long amountFen, long minimumFen, long count, List<String> mchids) {
        return new NewStock("Coupon", "test", funding, amountFen, minimumFen, count, amountFen * count,
                amountFen * count, 5, clock.instant(), clock.instant().plus(Duration.ofDays(30)), List.of(), mchids,
                false);
    }

    private CouponStock started(CouponStocks.Creator creator, NewStock s) {
        CouponStock stock = stocks.create(creator, s, null, null);
        return stocks.start(creator, stock.stockId());
    }

    private PaymentOrder order(long totalFen) {
        return orders.prepay(shop.id(), new NewOrder(TradeType.NATIVE, appid, shop.mchid(), "Tea",
                "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null,
                UUID.randomUUID().toString()));
    }

    private PaymentReceipt pay(TestPayers.Payer payer, PaymentOrder order, PaymentHook.CouponChoice choice) {
        return cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, null, choice);
    }

    private NewRefund refund(PaymentReceipt paid, String prefix, long amountFen) {
        return new NewRefund(paid.transactionId(), null, prefix + paid.transactionId().substring(10), null, null,
                amountFen, 100_00, List.of(), UUID.randomUUID().toString());
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }
}
