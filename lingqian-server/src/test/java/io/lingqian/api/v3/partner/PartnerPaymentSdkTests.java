package io.lingqian.api.v3.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.partnerpayments.jsapi.JsapiService;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction;
import com.wechat.pay.java.service.partnerpayments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.api.v3.ApiV3Credentials;
import io.lingqian.api.v3.SdkClients;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.OpenIds;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.partner.Providers;
import io.lingqian.payment.Cashier;
import io.lingqian.sandbox.Sandbox;
import io.lingqian.sandbox.SandboxRule;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * Partner mode through the official wechatpay-java SDK's {@code partnerpayments} services and the
 * refund service with {@code sub_mchid}, against the running server: a provider onboards a shop,
 * takes a JSAPI payment for it with its own credentials (money and fee on the shop's accounts at the
 * shop's rate), is notified in the partner shape, queries, refunds, closes; and the refusals between
 * providers, for sub-merchants calling directly, and for a foreign sub_appid.
 */
@DemoEnvironmentTest
class PartnerPaymentSdkTests {

    @LocalServerPort
    int port;
    @Autowired
    Providers providers;
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
    Sandbox sandbox;

    record Received(Headers headers, String body) {
    }

    /** A provider with its API credentials and an SDK client signing as it. */
    record Signer(MerchantUser user, String mchid, String spAppid, RSAPublicKeyConfig config, HttpClient http) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;
    private Signer provider;
    private Merchant shop;
    private String subAppid;

    @BeforeEach
    void providerWithAShop() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/notify", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestHeaders(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        provider = signer(providers.activeProvider());
        // Fuel: 0.3 %, where the provider itself (catering) pays 0.6 %.
        shop = providers.activeSubMerchant(provider.user(), MerchantCategory.FUEL);
        subAppid = apps.register(shop.id(), AppKind.MINI_PROGRAM, "Shop mini program", List.of()).app().appid();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
    }

    @Test
    void aProviderTakesAJsapiPaymentForItsShopWhichIsPaidAtTheShopsRateAndNotifiedToTheProvider() {
        TestPayers.Payer payer = payers.withBalance(200_00);
        String subOpenid = openIds.openidOf(subAppid, payer.id());
        String outTradeNo = outTradeNo();
        var request = jsapiRequest(outTradeNo, 100_00);
        request.getPayer().setSubOpenid(subOpenid);
        JsapiService jsapi = new JsapiService.Builder().httpClient(provider.http()).build();

        String prepayId = jsapi.prepay(request).getPrepayId();
        assertThat(jsapi.prepay(request).getPrepayId()).as("the same request again").isEqualTo(prepayId);
        String transactionId = cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD)
                .transactionId();

        var byNo = new com.wechat.pay.java.service.partnerpayments.jsapi.model.QueryOrderByOutTradeNoRequest();
        byNo.setSpMchid(provider.mchid());
        byNo.setSubMchid(subMchid());
        byNo.setOutTradeNo(outTradeNo);
        Transaction paid = jsapi.queryOrderByOutTradeNo(byNo);
        assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(paid.getSpMchid()).isEqualTo(provider.mchid());
        assertThat(paid.getSubMchid()).isEqualTo(subMchid());
        assertThat(paid.getSpAppid()).isEqualTo(provider.spAppid());
        assertThat(paid.getSubAppid()).isEqualTo(subAppid);
        assertThat(paid.getPayer().getSubOpenid()).isEqualTo(subOpenid);
        assertThat(paid.getPayer().getSpOpenid()).isEqualTo(openIds.openidOf(provider.spAppid(), payer.id()));
        assertThat(paid.getAmount().getTotal()).isEqualTo(100_00);
        var byId = new com.wechat.pay.java.service.partnerpayments.jsapi.model.QueryOrderByIdRequest();
        byId.setSpMchid(provider.mchid());
        byId.setSubMchid(subMchid());
        byId.setTransactionId(transactionId);
        assertThat(jsapi.queryOrderById(byId).getOutTradeNo()).isEqualTo(outTradeNo);

        // The shop's money at the shop's 0.3 %: 30 fen; nothing for the provider.
        assertThat(balance(accounts.openMerchantSettlement(shop.id()))).isEqualTo(100_00 - 30);
        assertThat(balance(accounts.openMerchantSettlement(provider.user().merchantId()))).isZero();

        notifications.deliverDue();
        List<Transaction> notified = received.stream().map(r -> new NotificationParser(provider.config())
                .parse(requestParam(r), Transaction.class)).filter(t -> t.getOutTradeNo().equals(outTradeNo)).toList();
        assertThat(notified).singleElement().satisfies(t -> {
            assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
            assertThat(t.getSubMchid()).isEqualTo(subMchid());
            assertThat(t.getSpMchid()).isEqualTo(provider.mchid());
            assertThat(t.getPayer().getSubOpenid()).isEqualTo(subOpenid);
            assertThat(t.getTransactionId()).isEqualTo(transactionId);
        });

        RefundService refunds = new RefundService.Builder().httpClient(provider.http()).build();
        CreateRequest refund = new CreateRequest();
        refund.setSubMchid(subMchid());
        refund.setOutTradeNo(outTradeNo);
        refund.setOutRefundNo("R" + outTradeNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(40_00L);
        amount.setTotal(100_00L);
        amount.setCurrency("CNY");
        refund.setAmount(amount);
        Refund done = refunds.create(refund);
        assertThat(done.getStatus()).isEqualTo(Status.SUCCESS);
        QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
        query.setSubMchid(subMchid());
        query.setOutRefundNo("R" + outTradeNo);
        assertThat(refunds.queryByOutRefundNo(query).getRefundId()).isEqualTo(done.getRefundId());
        // 40 % refunded returns 40 % of the fee (12 fen).
        assertThat(balance(accounts.openMerchantSettlement(shop.id()))).isEqualTo(100_00 - 30 - 40_00 + 12);
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(200_00 - 100_00 + 40_00);
    }

    @Test
    void aNativeOrderIsPlacedQueriedAndClosedForTheShop() {
        NativePayService nativePay = new NativePayService.Builder().httpClient(provider.http()).build();
        String outTradeNo = outTradeNo();
        var request = new com.wechat.pay.java.service.partnerpayments.nativepay.model.PrepayRequest();
        request.setSpAppid(provider.spAppid());
        request.setSpMchid(provider.mchid());
        request.setSubMchid(subMchid());
        request.setDescription("Diesel");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://provider.example.cn/notify");
        var amount = new com.wechat.pay.java.service.partnerpayments.nativepay.model.Amount();
        amount.setTotal(5_00);
        request.setAmount(amount);

        assertThat(nativePay.prepay(request).getCodeUrl()).startsWith("weixin://wxpay/bizpayurl?pr=");
        var close = new com.wechat.pay.java.service.partnerpayments.nativepay.model.CloseOrderRequest();
        close.setSpMchid(provider.mchid());
        close.setSubMchid(subMchid());
        close.setOutTradeNo(outTradeNo);
        nativePay.closeOrder(close);

        var byNo = new com.wechat.pay.java.service.partnerpayments.nativepay.model.QueryOrderByOutTradeNoRequest();
        byNo.setSpMchid(provider.mchid());
        byNo.setSubMchid(subMchid());
        byNo.setOutTradeNo(outTradeNo);
        var closed = nativePay.queryOrderByOutTradeNo(byNo);
        assertThat(closed.getTradeState())
                .isEqualTo(com.wechat.pay.java.service.partnerpayments.nativepay.model.Transaction.TradeStateEnum.CLOSED);
        assertThat(closed.getSubMchid()).isEqualTo(subMchid());
        assertThat(closed.getTransactionId()).isNull();
        assertError(() -> nativePay.prepay(request), 400, "ORDER_CLOSED");
    }

    @Test
    void anotherProviderCannotActForTheShopNorSeeItsOrders() {
        JsapiService mine = new JsapiService.Builder().httpClient(provider.http()).build();
        TestPayers.Payer payer = payers.withBalance(0);
        String outTradeNo = outTradeNo();
        var request = jsapiRequest(outTradeNo, 1_00);
        request.getPayer().setSpOpenid(openIds.openidOf(provider.spAppid(), payer.id()));
        mine.prepay(request);

        Signer other = signer(providers.activeProvider());
        JsapiService theirs = new JsapiService.Builder().httpClient(other.http()).build();
        var theirRequest = jsapiRequest(outTradeNo(), 1_00);
        theirRequest.setSpAppid(other.spAppid());
        theirRequest.setSpMchid(other.mchid());
        theirRequest.getPayer().setSpOpenid(openIds.openidOf(other.spAppid(), payer.id()));
        assertError(() -> theirs.prepay(theirRequest), 403, "NO_AUTH");

        var byNo = new com.wechat.pay.java.service.partnerpayments.jsapi.model.QueryOrderByOutTradeNoRequest();
        byNo.setSpMchid(other.mchid());
        byNo.setSubMchid(subMchid());
        byNo.setOutTradeNo(outTradeNo);
        assertError(() -> theirs.queryOrderByOutTradeNo(byNo), 403, "NO_AUTH");
        var close = new com.wechat.pay.java.service.partnerpayments.jsapi.model.CloseOrderRequest();
        close.setSpMchid(other.mchid());
        close.setSubMchid(subMchid());
        close.setOutTradeNo(outTradeNo);
        assertError(() -> theirs.closeOrder(close), 403, "NO_AUTH");

        RefundService theirRefunds = new RefundService.Builder().httpClient(other.http()).build();
        CreateRequest refund = new CreateRequest();
        refund.setSubMchid(subMchid());
        refund.setOutTradeNo(outTradeNo);
        refund.setOutRefundNo("R" + outTradeNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(1L);
        amount.setTotal(1_00L);
        amount.setCurrency("CNY");
        refund.setAmount(amount);
        assertError(() -> theirRefunds.create(refund), 403, "NO_AUTH");

        // Still unpaid and open for the shop's own provider.
        byNo.setSpMchid(provider.mchid());
        assertThat(mine.queryOrderByOutTradeNo(byNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
    }

    @Test
    void aForeignSubAppidAndASubMerchantCallingPartnerEndpointsAreRefused() {
        JsapiService jsapi = new JsapiService.Builder().httpClient(provider.http()).build();
        TestPayers.Payer payer = payers.withBalance(0);
        String foreignAppid = apps.register(provider.user().merchantId(), AppKind.MOBILE_APP, "Provider app",
                List.of()).app().appid();
        var request = jsapiRequest(outTradeNo(), 1_00);
        request.setSubAppid(foreignAppid);
        request.getPayer().setSubOpenid(openIds.openidOf(foreignAppid, payer.id()));
        assertError(() -> jsapi.prepay(request), 400, "APPID_MCHID_NOT_MATCH");

        var unknownPayer = jsapiRequest(outTradeNo(), 1_00);
        unknownPayer.getPayer().setSpOpenid("o" + "x".repeat(27));
        assertError(() -> jsapi.prepay(unknownPayer), 400, "OPENID_MISMATCH");

        // The shop with API credentials of its own is still not a provider.
        HttpClient shopHttp = SdkClients.http(SdkClients.publicKeyMode(
                ApiV3Credentials.issue(credentials, shop.id(), subMchid()), platformKeys.preferred()), port);
        var direct = jsapiRequest(outTradeNo(), 1_00);
        direct.setSpMchid(subMchid());
        direct.getPayer().setSpOpenid(openIds.openidOf(provider.spAppid(), payer.id()));
        assertError(() -> new JsapiService.Builder().httpClient(shopHttp).build().prepay(direct), 403, "NO_AUTH");
    }

    @Test
    void aRefundWithSubMchidAndNotifyUrlIsNotifiedToTheProviderInThePartnerShape() {
        TestPayers.Payer payer = payers.withBalance(50_00);
        String outTradeNo = outTradeNo();
        var request = jsapiRequest(outTradeNo, 30_00);
        request.getPayer().setSpOpenid(openIds.openidOf(provider.spAppid(), payer.id()));
        JsapiService jsapi = new JsapiService.Builder().httpClient(provider.http()).build();
        String transactionId = cashier.pay(payer.id(), payer.deviceId(), jsapi.prepay(request).getPrepayId(),
                TestPayers.PAY_PASSWORD).transactionId();

        RefundService refunds = new RefundService.Builder().httpClient(provider.http()).build();
        CreateRequest refund = new CreateRequest();
        refund.setSubMchid(subMchid());
        refund.setTransactionId(transactionId);
        refund.setOutRefundNo("R" + outTradeNo);
        refund.setNotifyUrl("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify");
        AmountReq amount = new AmountReq();
        amount.setRefund(10_00L);
        amount.setTotal(30_00L);
        amount.setCurrency("CNY");
        refund.setAmount(amount);
        Refund done = refunds.create(refund);
        assertThat(refunds.create(refund).getRefundId()).as("the same request again").isEqualTo(done.getRefundId());
        amount.setRefund(11_00L);
        assertError(() -> refunds.create(refund), 400, "INVALID_REQUEST");

        notifications.deliverDue();
        List<Received> refundNotices = received.stream().filter(r -> r.body().contains("REFUND.SUCCESS")).toList();
        assertThat(refundNotices).as("one notification, to the provider, none to the shop").hasSize(1);
        NotificationParser parser = new NotificationParser(provider.config());
        RefundNotification notice = parser.parse(requestParam(refundNotices.get(0)), RefundNotification.class);
        assertThat(notice.getRefundStatus()).isEqualTo(Status.SUCCESS);
        assertThat(notice.getOutRefundNo()).isEqualTo("R" + outTradeNo);
        assertThat(notice.getRefundId()).isEqualTo(done.getRefundId());
        assertThat(notice.getOutTradeNo()).isEqualTo(outTradeNo);
        assertThat(notice.getTransactionId()).isEqualTo(transactionId);
        assertThat(notice.getAmount().getRefund()).isEqualTo(10_00L);
        assertThat(notice.getAmount().getPayerRefund()).isEqualTo(10_00L);
        assertThat(notice.getSuccessTime()).isNotBlank();
        // The partner shape: sp_mchid and sub_mchid, no mchid (the SDK's model has neither field).
        JsonObject partnerShape = parser.parse(requestParam(refundNotices.get(0)), JsonObject.class);
        assertThat(partnerShape.get("sp_mchid").getAsString()).isEqualTo(provider.mchid());
        assertThat(partnerShape.get("sub_mchid").getAsString()).isEqualTo(subMchid());
        assertThat(partnerShape.has("mchid")).isFalse();
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(50_00 - 30_00 + 10_00);
    }

    @Test
    void anAbnormalRefundOfAShopsOrderIsNotifiedToTheProviderAsRefundAbnormal() {
        TestPayers.Payer payer = payers.withBalance(20_00);
        String outTradeNo = outTradeNo();
        var request = jsapiRequest(outTradeNo, 20_00);
        request.getPayer().setSpOpenid(openIds.openidOf(provider.spAppid(), payer.id()));
        JsapiService jsapi = new JsapiService.Builder().httpClient(provider.http()).build();
        cashier.pay(payer.id(), payer.deviceId(), jsapi.prepay(request).getPrepayId(), TestPayers.PAY_PASSWORD);
        // The sandbox of the shop (the refund is the shop's) forces its next refund ABNORMAL.
        sandbox.setEnabled(shop.id(), true);
        sandbox.addRule(shop.id(), SandboxRule.Target.REFUND, null, SandboxRule.Outcome.ABNORMAL);

        RefundService refunds = new RefundService.Builder().httpClient(provider.http()).build();
        CreateRequest refund = new CreateRequest();
        refund.setSubMchid(subMchid());
        refund.setOutTradeNo(outTradeNo);
        refund.setOutRefundNo("A" + outTradeNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(5_00L);
        amount.setTotal(20_00L);
        amount.setCurrency("CNY");
        refund.setAmount(amount);
        assertThat(refunds.create(refund).getStatus()).isEqualTo(Status.ABNORMAL);

        notifications.deliverDue();
        List<Received> abnormal = received.stream().filter(r -> r.body().contains("REFUND.ABNORMAL")).toList();
        assertThat(abnormal).as("no notify_url on the refund: the prepay's receives it").hasSize(1);
        NotificationParser parser = new NotificationParser(provider.config());
        RefundNotification notice = parser.parse(requestParam(abnormal.get(0)), RefundNotification.class);
        assertThat(notice.getRefundStatus()).isEqualTo(Status.ABNORMAL);
        assertThat(notice.getOutRefundNo()).isEqualTo("A" + outTradeNo);
        assertThat(notice.getSuccessTime()).isNull();
        JsonObject partnerShape = parser.parse(requestParam(abnormal.get(0)), JsonObject.class);
        assertThat(partnerShape.get("sub_mchid").getAsString()).isEqualTo(subMchid());
        assertThat(partnerShape.get("sp_mchid").getAsString()).isEqualTo(provider.mchid());
    }

    private com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest jsapiRequest(String outTradeNo,
            int totalFen) {
        var request = new com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest();
        request.setSpAppid(provider.spAppid());
        request.setSpMchid(provider.mchid());
        request.setSubAppid(subAppid);
        request.setSubMchid(subMchid());
        request.setDescription("Petrol 95");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify");
        var amount = new com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount();
        amount.setTotal(totalFen);
        request.setAmount(amount);
        request.setPayer(new com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer());
        return request;
    }

    private Signer signer(MerchantUser user) {
        long id = user.merchantId();
        String mchid = providers.mchidOf(id);
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(ApiV3Credentials.issue(credentials, id, mchid),
                platformKeys.preferred());
        String spAppid = apps.register(id, AppKind.OFFICIAL_ACCOUNT, "Provider account", List.of()).app().appid();
        return new Signer(user, mchid, spAppid, config, SdkClients.http(config, port));
    }

    private String subMchid() {
        return shop.mchid().orElseThrow();
    }

    private long balance(long accountId) {
        return ledger.account(accountId).orElseThrow().balances().creditBalance();
    }

    private static RequestParam requestParam(Received r) {
        return new RequestParam.Builder()
                .serialNumber(r.headers().getFirst("Wechatpay-Serial"))
                .nonce(r.headers().getFirst("Wechatpay-Nonce"))
                .signature(r.headers().getFirst("Wechatpay-Signature"))
                .timestamp(r.headers().getFirst("Wechatpay-Timestamp"))
                .signType(r.headers().getFirst("Wechatpay-Signature-Type"))
                .body(r.body())
                .build();
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
            String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.getHttpStatusCode()).isEqualTo(status);
            assertThat(e.getErrorCode()).isEqualTo(code);
        });
    }

    private static String outTradeNo() {
        return "SP" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
