package io.lingqian.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
import io.lingqian.merchant.Actor;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplication;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.Onboarding;
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
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * Instant discounts (立减) through the services: threshold, who pays (checked on the ledger),
 * the budget under many payers at once, per-user limits across days, random amounts reproducible per
 * payment, a platform rule for a merchant category with its refund and stop, and refusals.
 */
@ServerTest
class InstantDiscountTests {

    @Autowired
    TestMerchants merchants;
    @Autowired
    TestPayers payers;
    @Autowired
    MerchantApps apps;
    @Autowired
    MerchantApplications applications;
    @Autowired
    MerchantAccounts merchantAccounts;
    @Autowired
    PaymentOrders orders;
    @Autowired
    PaymentRecords records;
    @Autowired
    Cashier cashier;
    @Autowired
    Refunds refunds;
    @Autowired
    InstantDiscounts discounts;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    LedgerJobs ledgerJobs;
    @Autowired
    AdjustableClock clock;

    long shopId;
    String shopMchid;
    String appid;
    CouponStocks.Creator shop;

    @BeforeEach
    void shop() {
        TestMerchants.ApprovedMerchant m = merchants.approved();
        use(m.id(), m.mchid());
    }

    private void use(long merchantId, String mchid) {
        shopId = merchantId;
        shopMchid = mchid;
        shop = CouponStocks.Creator.merchant(merchantId, mchid);
        appid = apps.register(merchantId, AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
    }

    @Test
    void aMerchantFundedDiscountAppliesFromItsThresholdAndLowersWhatTheMerchantReceives() {
        DiscountRule rule = discounts.create(shop, rule(StockFunding.MERCHANT, 5_00, 5_00, 50_00, 100_00, 10, 100), key());
        TestPayers.Payer payer = payers.withBalance(500_00);
        long settlement = accounts.openMerchantSettlement(shopId);

        assertThat(pay(payer, 49_99).payerTotalFen()).as("below the threshold").isEqualTo(49_99);
        PaymentReceipt paid = pay(payer, 60_00);

        assertThat(paid.payerTotalFen()).isEqualTo(55_00);
        // 49.99 − 30 fen fee, and 55.00 − 33 fen: the merchant funded the 5.00.
        assertThat(balance(settlement)).isEqualTo(49_99 - 30 + 55_00 - 33);
        PaymentOrder order = orders.byTransactionId(shopId, paid.transactionId());
        assertThat(records.discountsOf(order)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(rule.ruleId());
            assertThat(d.amountFen()).isEqualTo(5_00);
            assertThat(d.promotion().type()).isEqualTo(PaymentHook.PromotionType.NOCASH);
            assertThat(d.promotion().merchantContributeFen()).isEqualTo(5_00);
            assertThat(d.promotion().stockId()).isEqualTo(rule.ruleId());
        });
        assertThat(ledger.transfersByReference("payment:" + paid.transactionId()))
                .noneMatch(t -> t.code() == TransferCode.COUPON_REDEMPTION.code());
        assertThat(discounts.rule(shop, rule.ruleId()).usedFen()).isEqualTo(5_00);

        discounts.pause(shop, rule.ruleId());
        assertThat(pay(payer, 60_00).payerTotalFen()).as("paused").isEqualTo(60_00);
        discounts.restart(shop, rule.ruleId());
        assertThat(pay(payer, 60_00).payerTotalFen()).isEqualTo(55_00);
    }

    @Test
    void manyPayersAtOnceNeverSpendMoreThanAPreFundedBudget() throws Exception {
        long settlement = accounts.openMerchantSettlement(shopId);
        fund(settlement, 20_00);
        DiscountRule rule = discounts.create(shop, rule(StockFunding.SPONSOR, 3_00, 3_00, 0, 15_00, 1, 1), key());
        assertThat(balance(rule.fundingAccountId())).isEqualTo(15_00);
        assertThat(balance(settlement)).isEqualTo(5_00);

        List<Callable<Long>> payments = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TestPayers.Payer p = payers.withBalance(50_00);
            PaymentOrder o = order(10_00);
            payments.add(() -> cashier.pay(p.id(), p.deviceId(), o.prepayId(), TestPayers.PAY_PASSWORD, null,
                    PaymentHook.CouponChoice.BEST).payerTotalFen());
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        long discounted = 0;
        try {
            for (Future<Long> f : pool.invokeAll(payments)) {
                discounted += 10_00 - f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(discounted).isEqualTo(15_00);
        DiscountRule used = discounts.rule(shop, rule.ruleId());
        assertThat(used.usedCount()).isEqualTo(5);
        assertThat(used.usedFen()).isEqualTo(15_00);
        assertThat(balance(used.fundingAccountId())).isZero();
        // 5.00 left + 12 × 10.00 received in full (7 from payers alone, 5 with 3.00 from the budget) − 12 × 6 fen.
        assertThat(balance(settlement)).isEqualTo(5_00 + 12 * 10_00 - 12 * 6);
        assertThat(ledgerJobs.checkInvariants().ok()).isTrue();
    }

    @Test
    void perUserLimitsCountPerChinaDayAndInAll() {
        discounts.create(shop, rule(StockFunding.MERCHANT, 2_00, 2_00, 0, 100_00, 1, 2), key());
        TestPayers.Payer payer = payers.withBalance(100_00);
        TestPayers.Payer other = payers.withBalance(100_00);

        assertThat(pay(payer, 10_00).payerTotalFen()).isEqualTo(8_00);
        assertThat(pay(payer, 10_00).payerTotalFen()).as("once a day").isEqualTo(10_00);
        assertThat(pay(other, 10_00).payerTotalFen()).as("another payer's own limit").isEqualTo(8_00);
        clock.advance(Duration.ofDays(1));
        assertThat(pay(payer, 10_00).payerTotalFen()).as("the next day").isEqualTo(8_00);
        clock.advance(Duration.ofDays(1));
        assertThat(pay(payer, 10_00).payerTotalFen()).as("twice in all").isEqualTo(10_00);
    }

    @Test
    void aRandomDiscountStaysWithinItsBoundsAndIsTheSameForTheSamePayment() {
        DiscountRule rule = discounts.create(shop, rule(StockFunding.MERCHANT, 1_00, 3_00, 0, 1_000_00, 100, 1000), key());
        TestPayers.Payer payer = payers.withBalance(500_00);
        List<Long> amounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            PaymentReceipt paid = pay(payer, 20_00);
            long amount = 20_00 - paid.payerTotalFen();
            assertThat(amount).isBetween(1_00L, 3_00L);
            assertThat(InstantDiscounts.amountOf(rule, paid.transactionId())).isEqualTo(amount);
            amounts.add(amount);
        }
        assertThat(amounts.stream().distinct().count()).as("drawn, not fixed").isGreaterThan(1);
    }

    @Test
    void aPlatformRuleForACategoryIsPaidFromItsBudgetRefundedInProportionAndReturnedAtStop() {
        long merchantId = activeMerchantOf(MerchantCategory.TRAFFIC_FINES);
        use(merchantId, merchantAccounts.merchant(merchantId).orElseThrow().mchid().orElseThrow());
        long capital = balance(PlatformAccount.OPERATOR_CAPITAL.id());
        DiscountRule rule = discounts.create(CouponStocks.Creator.PLATFORM, new NewDiscountRule("Fines", StockFunding.PLATFORM,
                MerchantCategory.TRAFFIC_FINES.name(), 20_00, 20_00, 50_00, 40_00, 5, 5), key());
        try {
            assertThat(balance(PlatformAccount.OPERATOR_CAPITAL.id())).isEqualTo(capital - 40_00);
            TestPayers.Payer payer = payers.withBalance(200_00);
            long wallet = accounts.openWallet(payer.id());
            long settlement = accounts.openMerchantSettlement(merchantId);

            PaymentReceipt paid = pay(payer, 100_00);

            assertThat(paid.payerTotalFen()).isEqualTo(80_00);
            assertThat(records.discountsOf(orders.byTransactionId(merchantId, paid.transactionId())))
                    .singleElement().satisfies(d -> {
                        assertThat(d.promotion().type()).isEqualTo(PaymentHook.PromotionType.CASH);
                        assertThat(d.promotion().wechatpayContributeFen()).isEqualTo(20_00);
                    });
            // Paid in full, 20.00 of it from the rule's budget; the fee on 100.00 is 10 basis points.
            assertThat(balance(settlement)).isEqualTo(100_00 - 10);
            assertThat(balance(rule.fundingAccountId())).isEqualTo(20_00);

            Refund partial = refunds.refund(merchantId, refund(paid, "RA", 25_00, 100_00));
            assertThat(partial.payerRefundFen()).isEqualTo(20_00);
            assertThat(partial.discountRefundFen()).isEqualTo(5_00);
            assertThat(balance(wallet)).isEqualTo(200_00 - 80_00 + 20_00);
            assertThat(balance(rule.fundingAccountId())).isEqualTo(25_00);

            discounts.stop(CouponStocks.Creator.PLATFORM, rule.ruleId());
            assertThat(balance(rule.fundingAccountId())).isZero();
            assertThat(balance(PlatformAccount.OPERATOR_CAPITAL.id())).isEqualTo(capital - 20_00 + 5_00);

            // A refund after the stop lands in the rule's account and goes straight back to the platform.
            refunds.refund(merchantId, refund(paid, "RB", 75_00, 100_00));
            assertThat(balance(rule.fundingAccountId())).isZero();
            assertThat(balance(PlatformAccount.OPERATOR_CAPITAL.id())).isEqualTo(capital);
            assertThat(balance(wallet)).isEqualTo(200_00);
            assertThat(pay(payer, 100_00).payerTotalFen()).as("stopped").isEqualTo(100_00);
        } finally {
            if (discounts.rule(CouponStocks.Creator.PLATFORM, rule.ruleId()).status() != DiscountStatus.STOPPED) {
                discounts.stop(CouponStocks.Creator.PLATFORM, rule.ruleId());
            }
        }
    }

    @Test
    void badRulesAndOthersRulesAreRefusedWithNothingChanged() {
        assertThatThrownBy(() -> discounts.create(shop, rule(StockFunding.MERCHANT, 3_00, 2_00, 0, 10_00, 1, 1), key()))
                .isInstanceOf(MarketingRefusal.class).hasMessageContaining("minimum not above");
        assertThatThrownBy(() -> discounts.create(shop, rule(StockFunding.MERCHANT, 5_00, 5_00, 5_00, 10_00, 1, 1), key()))
                .isInstanceOf(MarketingRefusal.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> discounts.create(shop, rule(StockFunding.PLATFORM, 5_00, 5_00, 0, 10_00, 1, 1), key()))
                .isInstanceOf(MarketingRefusal.class).hasMessageContaining("platform");
        long settlement = accounts.openMerchantSettlement(shopId);
        assertThatThrownBy(() -> discounts.create(shop, rule(StockFunding.SPONSOR, 5_00, 5_00, 0, 10_00, 1, 1), key()))
                .isInstanceOf(MarketingRefusal.class).extracting(e -> ((MarketingRefusal) e).reason())
                .isEqualTo(MarketingRefusal.Reason.NOT_ENOUGH);
        assertThat(discounts.list(shop)).isEmpty();
        assertThat(ledger.account(settlement).orElseThrow().balances().debitsPosted()).isZero();

        String key = key();
        DiscountRule rule = discounts.create(shop, rule(StockFunding.MERCHANT, 1_00, 1_00, 0, 10_00, 1, 1), key);
        assertThat(discounts.create(shop, rule(StockFunding.MERCHANT, 1_00, 1_00, 0, 10_00, 1, 1), key).ruleId())
                .as("the same form sent twice makes one rule").isEqualTo(rule.ruleId());
        assertThatThrownBy(() -> discounts.create(shop, rule(StockFunding.MERCHANT, 2_00, 2_00, 0, 10_00, 1, 1), key))
                .isInstanceOf(MarketingRefusal.class).extracting(e -> ((MarketingRefusal) e).reason())
                .isEqualTo(MarketingRefusal.Reason.REQUEST_REUSED);
        assertThat(discounts.list(shop)).hasSize(1);
        TestMerchants.ApprovedMerchant other = merchants.approved();
        CouponStocks.Creator otherCreator = CouponStocks.Creator.merchant(other.id(), other.mchid());
        assertThatThrownBy(() -> discounts.pause(otherCreator, rule.ruleId()))
                .isInstanceOf(MarketingRefusal.class).extracting(e -> ((MarketingRefusal) e).reason())
                .isEqualTo(MarketingRefusal.Reason.NOT_FOUND);
        assertThatThrownBy(() -> discounts.restart(shop, rule.ruleId()))
                .isInstanceOf(MarketingRefusal.class).extracting(e -> ((MarketingRefusal) e).reason())
                .isEqualTo(MarketingRefusal.Reason.WRONG_STATE);
        discounts.stop(shop, rule.ruleId());
        assertThatThrownBy(() -> discounts.restart(shop, rule.ruleId()))
                .isInstanceOf(MarketingRefusal.class).hasMessageContaining("STOPPED");
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    private NewDiscountRule rule(StockFunding funding, long min, long max, long threshold, long budget, int daily,
            int total) {
        return new NewDiscountRule("Lijian", funding, null, min, max, threshold, budget, daily, total);
    }

    private long activeMerchantOf(MerchantCategory category) {
        MerchantUser owner = applications.signUp("Fines " + UUID.randomUUID(), UUID.randomUUID() + "@shop.test",
                "Owner", TestUsers.PASSWORD);
        ApplicationForm f = Onboarding.completeForm("Shanghai Fines Co., Ltd. " + owner.id());
        applications.save(owner.merchantId(), new ApplicationForm(f.legalName(), f.shortName(), f.contactName(),
                f.contactPhone(), f.contactEmail(), category.name(), f.licenceNumber(), f.legalRepresentative(),
                f.siteUrl(), f.bankName(), f.bankAccountName(), f.bankAccountNumber()));
        applications.submit(owner.merchantId(), Actor.merchantUser(owner.id(), owner.displayName()));
        MerchantApplication application = applications.ofMerchant(owner.merchantId()).orElseThrow();
        applications.startReview(application.id(), Onboarding.REVIEWER);
        applications.approve(application.id(), Onboarding.REVIEWER, "fine");
        applications.signContract(owner.merchantId(), Actor.merchantUser(owner.id(), owner.displayName()));
        return owner.merchantId();
    }

    private void fund(long account, long amountFen) {
        ledger.createTransfer(TransferRequest.single("test-fund-" + UUID.randomUUID(),
                PlatformAccount.OPERATOR_CAPITAL.id(), account, amountFen, Ledger.CNY, TransferCode.ADJUSTMENT.code(),
                "test")).orThrow();
    }

    private PaymentOrder order(long totalFen) {
        return orders.prepay(shopId, new NewOrder(TradeType.NATIVE, appid, shopMchid, "Tea",
                "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null,
                UUID.randomUUID().toString()));
    }

    private PaymentReceipt pay(TestPayers.Payer payer, long totalFen) {
        return cashier.pay(payer.id(), payer.deviceId(), order(totalFen).prepayId(), TestPayers.PAY_PASSWORD, null,
                PaymentHook.CouponChoice.BEST);
    }

    private static NewRefund refund(PaymentReceipt paid, String prefix, long amountFen, long totalFen) {
        return new NewRefund(paid.transactionId(), null, prefix + paid.transactionId().substring(10), null, null,
                amountFen, totalFen, List.of(), UUID.randomUUID().toString());
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }
}
