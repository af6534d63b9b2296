package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.Coupon;
import com.wechat.pay.java.service.cashcoupons.model.CouponCollection;
import com.wechat.pay.java.service.cashcoupons.model.CouponRule;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.ListCouponsByFilterRequest;
import com.wechat.pay.java.service.cashcoupons.model.PauseStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryCouponRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import com.wechat.pay.java.service.cashcoupons.model.StockRule;
import com.wechat.pay.java.service.payments.model.PromotionDetail;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.Refund;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.payment.Cashier;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * Cash coupons through the official wechatpay-java SDK's {@code CashCouponsService} against the
 * running server: create, start, send (idempotent), query; a payment with the coupon read back in the
 * SDK's {@code Transaction.promotionDetail} and in the ledger, its COUPON.USE notification, a partial
 * refund's {@code promotion_detail}; refusals in WeChat's codes.
 */
@DemoEnvironmentTest
class CashCouponsSdkTests {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @LocalServerPort
    int port;
    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    PlatformKeys platformKeys;
    @Autowired
    MerchantApps apps;
    @Autowired
    OpenIds openIds;
    @Autowired
    TestPayers payers;
    @Autowired
    Cashier cashier;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    MerchantNotifications notifications;
    @Autowired
    AdjustableClock clock;

    ApiTestMerchant merchant;
    String appid;
    CashCouponsService couponsApi;
    NativePayService nativePay;
    RefundService refundService;

    @BeforeEach
    void merchantWithSdk() {
        merchant = ApiTestMerchant.create(merchants, credentials);
        appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        HttpClient http = SdkClients.http(
                SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred()), port);
        couponsApi = new CashCouponsService.Builder().httpClient(http).build();
        nativePay = new NativePayService.Builder().httpClient(http).build();
        refundService = new RefundService.Builder().httpClient(http).build();
    }

    @Test
    void aStockCreatedStartedAndSentThroughTheSdkDiscountsAPaymentShownInPromotionDetailAndTheLedger() {
        // The merchant sponsors its own pre-funded (CASH) stock: 3 coupons of 10.00, so 30.00 is locked at start.
        long settlement = accounts.openMerchantSettlement(merchant.merchant().id());
        ledger.createTransfer(TransferRequest.single("test-fund-" + UUID.randomUUID(),
                PlatformAccount.OPERATOR_CAPITAL.id(), settlement, 50_00, Ledger.CNY, TransferCode.ADJUSTMENT.code(),
                "test")).orThrow();
        String stockId = couponsApi.createCouponStock(stockRequest(false, 10_00L, 3)).getStockId();
        assertThat(stockId).matches("\\d+");
        assertThat(couponsApi.startStock(start(stockId)).getStartTime()).endsWith("+08:00");
        assertThat(balance(settlement)).isEqualTo(20_00);

        TestPayers.Payer payer = payers.withBalance(200_00);
        String openid = openIds.openidOf(appid, payer.id());
        String out = "send" + UUID.randomUUID().toString().replace("-", "");
        String couponId = couponsApi.sendCoupon(send(stockId, openid, out)).getCouponId();
        assertThat(couponsApi.sendCoupon(send(stockId, openid, out)).getCouponId()).isEqualTo(couponId);

        Stock stock = couponsApi.queryStock(queryStock(stockId));
        assertThat(stock.getStatus()).isEqualTo("running");
        assertThat(stock.getDistributedCoupons()).isEqualTo(1);
        assertThat(stock.getNoCash()).isFalse();
        assertThat(stock.getStockUseRule().getFixedNormalCoupon().getCouponAmount()).isEqualTo(10_00L);
        ListCouponsByFilterRequest filter = new ListCouponsByFilterRequest();
        filter.setOpenid(openid);
        filter.setAppid(appid);
        CouponCollection held = couponsApi.listCouponsByFilter(filter);
        assertThat(held.getTotalCount()).isEqualTo(1);
        assertThat(held.getData().get(0).getStatus()).isEqualTo("SENDED");

        SetCallbackRequest callback = new SetCallbackRequest();
        callback.setMchid(merchant.mchid());
        callback.setNotifyUrl("https://shop.example.cn/coupon-notify");
        callback.setSwitch(true);
        couponsApi.setCallback(callback);

        String outTradeNo = "CP" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String codeUrl = nativePay.prepay(prepay(outTradeNo, 88_00)).getCodeUrl();
        String prepayId = cashier.scan(payer.id(), codeUrl).prepayId();
        String transactionId = cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD)
                .transactionId();

        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(merchant.mchid());
        query.setOutTradeNo(outTradeNo);
        Transaction tx = nativePay.queryOrderByOutTradeNo(query);
        assertThat(tx.getAmount().getTotal()).isEqualTo(88_00);
        assertThat(tx.getAmount().getPayerTotal()).isEqualTo(78_00);
        assertThat(tx.getPromotionDetail()).singleElement().satisfies(p -> {
            assertThat(p.getCouponId()).isEqualTo(couponId);
            assertThat(p.getStockId()).isEqualTo(stockId);
            assertThat(p.getName()).isEqualTo("满50减10");
            assertThat(p.getScope()).isEqualTo(PromotionDetail.ScopeEnum.GLOBAL);
            assertThat(p.getType()).isEqualTo(PromotionDetail.TypeEnum.CASH);
            assertThat(p.getAmount()).isEqualTo(10_00);
            assertThat(p.getMerchantContribute()).isEqualTo(10_00);
            assertThat(p.getWechatpayContribute()).isZero();
            assertThat(p.getOtherContribute()).isZero();
            assertThat(p.getCurrency()).isEqualTo("CNY");
        });
        List<Transfer> postings = ledger.transfersByReference("payment:" + transactionId);
        assertThat(postings).filteredOn(t -> t.code() == TransferCode.COUPON_REDEMPTION.code()).singleElement()
                .satisfies(t -> {
                    assertThat(t.amount()).isEqualTo(10_00);
                    assertThat(t.creditAccountId()).isEqualTo(settlement);
                    assertThat(ledger.account(t.debitAccountId()).orElseThrow().reference())
                            .isEqualTo("coupon_stock:" + stockId);
                });
        // 20.00 left + 78.00 paid + 10.00 from the stock − 0.6 % of 88.00 (53 fen).
        assertThat(balance(settlement)).isEqualTo(20_00 + 88_00 - 53);

        QueryCouponRequest couponQuery = new QueryCouponRequest();
        couponQuery.setCouponId(couponId);
        couponQuery.setAppid(appid);
        couponQuery.setOpenid(openid);
        Coupon used = couponsApi.queryCoupon(couponQuery);
        assertThat(used.getStatus()).isEqualTo("USED");
        assertThat(notifications.recent(merchant.merchant().id(), 20))
                .anySatisfy(n -> {
                    assertThat(n.event()).isEqualTo(NotificationEvent.COUPON_USE);
                    assertThat(n.subject()).isEqualTo(couponId);
                    assertThat(n.notifyUrl()).isEqualTo("https://shop.example.cn/coupon-notify");
                });

        CreateRequest refund = new CreateRequest();
        refund.setOutTradeNo(outTradeNo);
        refund.setOutRefundNo("RC" + outTradeNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(44_00L);
        amount.setTotal(88_00L);
        amount.setCurrency("CNY");
        refund.setAmount(amount);
        Refund half = refundService.create(refund);
        assertThat(half.getAmount().getPayerRefund()).isEqualTo(39_00L);
        assertThat(half.getAmount().getDiscountRefund()).isEqualTo(5_00L);
        assertThat(half.getAmount().getSettlementTotal()).isEqualTo(88_00L);
        assertThat(half.getPromotionDetail()).singleElement().satisfies(p -> {
            assertThat(p.getPromotionId()).isEqualTo(couponId);
            assertThat(p.getAmount()).isEqualTo(10_00L);
            assertThat(p.getRefundAmount()).isEqualTo(5_00L);
        });
    }

    @Test
    void aMerchantFundedStockShowsNoCashAndPausedOrForeignStocksAreRefused() {
        String stockId = couponsApi.createCouponStock(stockRequest(true, 5_00L, 2)).getStockId();
        couponsApi.startStock(start(stockId));
        TestPayers.Payer payer = payers.withBalance(100_00);
        String openid = openIds.openidOf(appid, payer.id());
        couponsApi.sendCoupon(send(stockId, openid, "a" + UUID.randomUUID().toString().replace("-", "")));

        String outTradeNo = "NC" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String prepayId = cashier.scan(payer.id(), nativePay.prepay(prepay(outTradeNo, 60_00)).getCodeUrl()).prepayId();
        cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD);
        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(merchant.mchid());
        query.setOutTradeNo(outTradeNo);
        Transaction tx = nativePay.queryOrderByOutTradeNo(query);
        assertThat(tx.getAmount().getPayerTotal()).isEqualTo(55_00);
        assertThat(tx.getPromotionDetail()).singleElement().satisfies(p -> {
            assertThat(p.getType()).isEqualTo(PromotionDetail.TypeEnum.NOCASH);
            assertThat(p.getMerchantContribute()).isEqualTo(5_00);
        });

        PauseStockRequest pause = new PauseStockRequest();
        pause.setStockId(stockId);
        pause.setStockCreatorMchid(merchant.mchid());
        couponsApi.pauseStock(pause);
        assertThatThrownBy(() -> couponsApi.sendCoupon(send(stockId, openid, "b" + UUID.randomUUID().toString()
                .replace("-", "")))).isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST");
                });

        ApiTestMerchant other = ApiTestMerchant.create(merchants, credentials);
        assertThatThrownBy(() -> couponsApi.queryStock(queryStockOf(stockId, other.mchid())))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo("INVALID_REQUEST"));
        assertThatThrownBy(() -> couponsApi.createCouponStock(stockRequest(true, 5_00L, 0)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo("PARAM_ERROR"));
    }

    private CreateCouponStockRequest stockRequest(boolean noCash, long amountFen, long count) {
        CreateCouponStockRequest r = new CreateCouponStockRequest();
        r.setStockName("满50减10");
        r.setComment("test stock");
        r.setBelongMerchant(merchant.mchid());
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.ofHours(8));
        r.setAvailableBeginTime(now.format(RFC3339));
        r.setAvailableEndTime(now.plus(Duration.ofDays(30)).format(RFC3339));
        StockRule rule = new StockRule();
        rule.setMaxCoupons(count);
        rule.setMaxAmount(amountFen * count);
        rule.setMaxAmountByDay(amountFen * count);
        rule.setMaxCouponsPerUser(1);
        rule.setNaturalPersonLimit(false);
        rule.setPreventApiAbuse(false);
        r.setStockUseRule(rule);
        CouponRule use = new CouponRule();
        FixedValueStockMsg fixed = new FixedValueStockMsg();
        fixed.setCouponAmount(amountFen);
        fixed.setTransactionMinimum(50_00L);
        use.setFixedNormalCoupon(fixed);
        use.setAvailableMerchants(List.of(merchant.mchid()));
        r.setCouponUseRule(use);
        r.setNoCash(noCash);
        r.setStockType("NORMAL");
        r.setOutRequestNo(merchant.mchid() + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        return r;
    }

    private StartStockRequest start(String stockId) {
        StartStockRequest r = new StartStockRequest();
        r.setStockId(stockId);
        r.setStockCreatorMchid(merchant.mchid());
        return r;
    }

    private QueryStockRequest queryStock(String stockId) {
        return queryStockOf(stockId, merchant.mchid());
    }

    private static QueryStockRequest queryStockOf(String stockId, String mchid) {
        QueryStockRequest r = new QueryStockRequest();
        r.setStockId(stockId);
        r.setStockCreatorMchid(mchid);
        return r;
    }

    private SendCouponRequest send(String stockId, String openid, String outRequestNo) {
        SendCouponRequest r = new SendCouponRequest();
        r.setStockId(stockId);
        r.setOpenid(openid);
        r.setOutRequestNo(outRequestNo);
        r.setAppid(appid);
        r.setStockCreatorMchid(merchant.mchid());
        return r;
    }

    private PrepayRequest prepay(String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("零钱 coffee");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://shop.example.cn/notify");
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }
}
