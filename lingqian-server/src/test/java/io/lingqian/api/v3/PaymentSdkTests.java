package io.lingqian.api.v3;

import static io.lingqian.api.v3.SdkClients.WECHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * Orders through the official wechatpay-java SDK against the running server in public-key mode:
 * Native and JSAPI prepay, both queries and close, an order paid in the wallet seen as SUCCESS with
 * the right amounts, and the validation errors, each answered with WeChat Pay's status and code and
 * nothing stored. A fresh merchant per test (the SDK registers configurations JVM-wide).
 */
@DemoEnvironmentTest
class PaymentSdkTests {

    private static final String NOTIFY = "https://shop.example.cn/notify";

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
    PaymentOrders orders;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    AdjustableClock clock;

    ApiTestMerchant merchant;
    String appid;
    RSAPublicKeyConfig config;
    HttpClient http;
    NativePayService nativePay;

    @BeforeEach
    void merchantWithAppAndSdk() {
        merchant = ApiTestMerchant.create(merchants, credentials);
        appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        config = SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred());
        http = SdkClients.http(config, port);
        nativePay = new NativePayService.Builder().httpClient(http).build();
    }

    @Test
    void aNativeOrderIsPlacedQueriedPaidInTheWalletAndSeenAsSuccessToTheFen() {
        TestPayers.Payer payer = payers.withBalance(100_00);
        long feeIncomeBefore = ledger.account(PlatformAccount.FEE_INCOME.id()).orElseThrow().balances().creditBalance();
        String outTradeNo = outTradeNo();
        PrepayRequest request = nativeRequest(outTradeNo, 18_00);
        request.setAttach("table 7");

        String codeUrl = nativePay.prepay(request).getCodeUrl();
        assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=").hasSizeLessThanOrEqualTo(64);
        assertThat(nativePay.prepay(request).getCodeUrl()).as("the same request again").isEqualTo(codeUrl);

        Transaction unpaid = nativePay.queryOrderByOutTradeNo(byOutTradeNo(outTradeNo));
        assertThat(unpaid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        assertThat(unpaid.getTransactionId()).isNull();
        assertThat(unpaid.getAmount().getTotal()).isEqualTo(18_00);
        assertThat(unpaid.getAttach()).isEqualTo("table 7");

        String prepayId = cashier.scan(payer.id(), codeUrl).prepayId();
        String transactionId = cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD)
                .transactionId();

        QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
        byId.setMchid(merchant.mchid());
        byId.setTransactionId(transactionId);
        Transaction paid = nativePay.queryOrderById(byId);
        assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(paid.getTradeStateDesc()).isEqualTo("支付成功");
        assertThat(paid.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.NATIVE);
        assertThat(paid.getOutTradeNo()).isEqualTo(outTradeNo);
        assertThat(paid.getAppid()).isEqualTo(appid);
        assertThat(paid.getPayer().getOpenid()).isEqualTo(openIds.openidOf(appid, payer.id()));
        assertThat(paid.getAmount().getTotal()).isEqualTo(18_00);
        assertThat(paid.getAmount().getPayerTotal()).isEqualTo(18_00);
        assertThat(paid.getAmount().getPayerCurrency()).isEqualTo("CNY");
        assertThat(OffsetDateTime.parse(paid.getSuccessTime()).getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(nativePay.queryOrderByOutTradeNo(byOutTradeNo(outTradeNo)).getTransactionId())
                .isEqualTo(transactionId);

        // 0.6 % of 18.00 is 0.108: 11 fen.
        assertThat(ledger.account(accounts.openWallet(payer.id())).orElseThrow().balances().creditBalance())
                .isEqualTo(82_00);
        assertThat(ledger.account(accounts.openMerchantSettlement(merchant.merchant().id())).orElseThrow().balances()
                .creditBalance()).isEqualTo(18_00 - 11);
        assertThat(ledger.account(PlatformAccount.FEE_INCOME.id()).orElseThrow().balances().creditBalance()
                - feeIncomeBefore).isEqualTo(11);

        assertError(() -> nativePay.closeOrder(close(outTradeNo)), 400, "ORDERPAID");
        assertError(() -> nativePay.prepay(request), 400, "ORDERPAID");
    }

    @Test
    void repeatingAnOutTradeNoWithOtherContentIsRefused() {
        String outTradeNo = outTradeNo();
        nativePay.prepay(nativeRequest(outTradeNo, 10_00));

        assertError(() -> nativePay.prepay(nativeRequest(outTradeNo, 10_01)), 403, "OUT_TRADE_NO_USED");
    }

    @Test
    void closingAnUnpaidOrderAnswers204AndItCanNoLongerBePaidOrReordered() {
        String outTradeNo = outTradeNo();
        PrepayRequest request = nativeRequest(outTradeNo, 10_00);
        nativePay.prepay(request);

        nativePay.closeOrder(close(outTradeNo));
        nativePay.closeOrder(close(outTradeNo));

        Transaction closed = nativePay.queryOrderByOutTradeNo(byOutTradeNo(outTradeNo));
        assertThat(closed.getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
        assertError(() -> nativePay.prepay(request), 400, "ORDER_CLOSED");
        assertError(() -> nativePay.closeOrder(close("never-placed-" + UUID.randomUUID().toString().substring(0, 8))),
                404, "ORDER_NOT_EXIST");
    }

    @Test
    void anExpiredOrderIsClosedByTheJobAfterTheClockMoves() {
        String outTradeNo = outTradeNo();
        PrepayRequest request = nativeRequest(outTradeNo, 10_00);
        request.setTimeExpire(OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofMinutes(5)), ZoneOffset.ofHours(8))
                .withNano(0).toString());
        nativePay.prepay(request);

        clock.advance(Duration.ofMinutes(6));
        orders.closeExpired();

        assertThat(nativePay.queryOrderByOutTradeNo(byOutTradeNo(outTradeNo)).getTradeState())
                .isEqualTo(Transaction.TradeStateEnum.CLOSED);
    }

    @Test
    void aJsapiOrderNeedsAnOpenidIssuedForTheAppid() {
        TestPayers.Payer payer = payers.withBalance(0);
        JsapiService jsapi = new JsapiService.Builder().httpClient(http).build();
        com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest request = jsapiRequest(outTradeNo(),
                openIds.openidOf(appid, payer.id()));

        String prepayId = jsapi.prepay(request).getPrepayId();
        assertThat(prepayId).startsWith("wx").hasSize(36);
        assertThat(cashier.order(payer.id(), prepayId).amountFen()).isEqualTo(1_00);

        String stranger = "o" + "x".repeat(27);
        com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest unknown = jsapiRequest(outTradeNo(), stranger);
        assertError(() -> jsapi.prepay(unknown), 400, "OPENID_MISMATCH");
        assertNotStored(unknown.getOutTradeNo());
    }

    @Test
    void anotherMerchantCanNeitherQueryNorCloseTheOrder() {
        String outTradeNo = outTradeNo();
        String codeUrl = nativePay.prepay(nativeRequest(outTradeNo, 10_00)).getCodeUrl();
        TestPayers.Payer payer = payers.withBalance(10_00);
        String transactionId = cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), codeUrl).prepayId(),
                TestPayers.PAY_PASSWORD).transactionId();
        String otherOutTradeNo = outTradeNo();
        nativePay.prepay(nativeRequest(otherOutTradeNo, 10_00));

        merchantWithAppAndSdk();

        assertError(() -> nativePay.queryOrderByOutTradeNo(byOutTradeNo(outTradeNo)), 404, "ORDER_NOT_EXIST");
        QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
        byId.setMchid(merchant.mchid());
        byId.setTransactionId(transactionId);
        assertError(() -> nativePay.queryOrderById(byId), 404, "ORDER_NOT_EXIST");
        assertError(() -> nativePay.closeOrder(close(otherOutTradeNo)), 404, "ORDER_NOT_EXIST");
    }

    @Test
    void malformedAndInvalidPrepaysAreRefusedWithWeChatCodesAndNothingIsStored() {
        String mchid = merchant.mchid();
        String base = "\"appid\":\"" + appid + "\",\"mchid\":\"" + mchid + "\",\"notify_url\":\"" + NOTIFY + "\"";

        String no = outTradeNo();
        assertRaw("{" + base + ",\"description\":\"x\",\"out_trade_no\":\"" + no + "\",\"amount\":{\"total\":1}",
                400, "PARAM_ERROR", no);
        no = outTradeNo();
        assertRaw("{" + base + ",\"out_trade_no\":\"" + no + "\",\"amount\":{\"total\":1}}", 400, "PARAM_ERROR", no);
        no = outTradeNo();
        assertRaw("{" + base + ",\"description\":\"x\",\"out_trade_no\":\"" + no + "\",\"amount\":{\"total\":\"100\"}}",
                400, "PARAM_ERROR", no);
        no = outTradeNo();
        assertRaw("{" + base + ",\"description\":\"x\",\"out_trade_no\":\"" + no + "\",\"amount\":{\"total\":0}}",
                400, "PARAM_ERROR", no);
        no = outTradeNo();
        assertRaw("{" + base + ",\"description\":\"x\",\"out_trade_no\":\"" + no + "\",\"amount\":{\"total\":1.5}}",
                400, "PARAM_ERROR", no);
        no = outTradeNo();
        assertRaw("{" + base + ",\"description\":\"" + "长".repeat(128) + "\",\"out_trade_no\":\"" + no
                + "\",\"amount\":{\"total\":1}}", 400, "PARAM_ERROR", no);
        no = outTradeNo();
        assertRaw("{" + base + ",\"description\":\"coffee \uD83D\uDE00\",\"out_trade_no\":\"" + no
                + "\",\"amount\":{\"total\":1}}", 400, "PARAM_ERROR", no);
        assertRaw("{" + base + ",\"description\":\"x\",\"out_trade_no\":\"a b\",\"amount\":{\"total\":1}}",
                400, "PARAM_ERROR", null);
        no = outTradeNo();
        assertRaw("{\"appid\":\"wx0000000000000000\",\"mchid\":\"" + mchid + "\",\"notify_url\":\"" + NOTIFY
                + "\",\"description\":\"x\",\"out_trade_no\":\"" + no + "\",\"amount\":{\"total\":1}}",
                400, "APPID_MCHID_NOT_MATCH", no);
        String othersAppid = apps.register(merchants.approved().id(), AppKind.OFFICIAL_ACCOUNT, "Other", List.of())
                .app().appid();
        no = outTradeNo();
        assertRaw("{\"appid\":\"" + othersAppid + "\",\"mchid\":\"" + mchid + "\",\"notify_url\":\"" + NOTIFY
                + "\",\"description\":\"x\",\"out_trade_no\":\"" + no + "\",\"amount\":{\"total\":1}}",
                400, "APPID_MCHID_NOT_MATCH", no);
        no = outTradeNo();
        assertRaw("{\"appid\":\"" + appid + "\",\"mchid\":\"1900000001\",\"notify_url\":\"" + NOTIFY
                + "\",\"description\":\"x\",\"out_trade_no\":\"" + no + "\",\"amount\":{\"total\":1}}",
                400, "INVALID_REQUEST", no);
        no = outTradeNo();
        assertRaw("{" + base.replace(NOTIFY, NOTIFY + "?a=1") + ",\"description\":\"x\",\"out_trade_no\":\"" + no
                + "\",\"amount\":{\"total\":1}}", 400, "PARAM_ERROR", no);
        no = outTradeNo();
        assertRaw("{" + base + ",\"description\":\"x\",\"out_trade_no\":\"" + no
                + "\",\"time_expire\":\"tomorrow\",\"amount\":{\"total\":1}}", 400, "PARAM_ERROR", no);
    }

    private void assertRaw(String body, int status, String code, String outTradeNo) {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        headers.addHeader("Content-Type", "application/json");
        assertError(() -> http.execute(new HttpRequest.Builder().httpMethod(HttpMethod.POST)
                .url(WECHAT + "/v3/pay/transactions/native").headers(headers)
                .body(new JsonRequestBody.Builder().body(body).build()).build(), Object.class), status, code);
        if (outTradeNo != null) {
            assertNotStored(outTradeNo);
        }
    }

    private void assertNotStored(String outTradeNo) {
        assertError(() -> nativePay.queryOrderByOutTradeNo(byOutTradeNo(outTradeNo)), 404, "ORDER_NOT_EXIST");
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
            String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.getHttpStatusCode()).isEqualTo(status);
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getErrorMessage()).isNotBlank();
        });
    }

    private PrepayRequest nativeRequest(String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("零钱 coffee");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(NOTIFY);
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest jsapiRequest(String outTradeNo,
            String openid) {
        var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("Tea");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl(NOTIFY);
        var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
        amount.setTotal(1_00);
        request.setAmount(amount);
        var payer = new com.wechat.pay.java.service.payments.jsapi.model.Payer();
        payer.setOpenid(openid);
        request.setPayer(payer);
        return request;
    }

    private QueryOrderByOutTradeNoRequest byOutTradeNo(String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(merchant.mchid());
        request.setOutTradeNo(outTradeNo);
        return request;
    }

    private CloseOrderRequest close(String outTradeNo) {
        CloseOrderRequest request = new CloseOrderRequest();
        request.setMchid(merchant.mchid());
        request.setOutTradeNo(outTradeNo);
        return request;
    }

    private static String outTradeNo() {
        return "LQ" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
