package io.lingqian.api.v3;

import static io.lingqian.api.v3.SdkClients.WECHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentCodeCashier;
import io.lingqian.payment.PaymentCodeRefusal;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;
import io.lingqian.sandbox.Sandbox;
import io.lingqian.sandbox.SandboxPayers;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.PaymentCodes;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.TestPayers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox controls driven as a merchant developer drives them: the official SDK's client for the
 * {@code /v3/sandbox} calls, its services for the payments and refunds they force. Every test uses
 * fresh merchants, and checks that one merchant's controls touch only its own orders.
 */
@DemoEnvironmentTest
class SandboxSdkTests {

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
    Sandbox sandbox;
    @Autowired
    SandboxPayers sandboxPayers;
    @Autowired
    TestPayers payers;
    @Autowired
    PaymentCodes codes;
    @Autowired
    PaymentSecurity security;
    @Autowired
    PaymentCodeCashier paymentCodes;
    @Autowired
    MerchantNotifications notifications;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    AdjustableClock clock;
    @Autowired
    JsonMapper json;

    /** A merchant with an app and the SDK's clients pointed at this server. */
    record Shop(ApiTestMerchant merchant, String appid, HttpClient http, NativePayService nativePay,
                JsapiService jsapi, RefundService refunds) {

        long id() {
            return merchant.merchant().id();
        }
    }

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;

    @BeforeEach
    void notifyEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/notify", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Test
    void aMerchantWithoutTheSandboxOnCanReadThatItIsOffAndUseNoControl() {
        Shop shop = newShop(false);
        String order = prepay(shop, "OFF-" + unique(), 5_00);

        assertThat(call(shop, HttpMethod.GET, "/v3/sandbox/settings", null).get("enabled").asBoolean()).isFalse();
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/rules",
                "{\"target\":\"PAYMENT\",\"outcome\":\"PAYERROR\"}"), 403, "NO_AUTH");
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/orders/" + order + "/pay", "{}"), 403, "NO_AUTH");
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/notification-faults", "{\"duplicates\":1}"), 403,
                "NO_AUTH");
        assertError(() -> call(shop, HttpMethod.GET, "/v3/sandbox/payer?appid=" + shop.appid(), null), 403, "NO_AUTH");
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/clock/advance", "{\"seconds\":60}"), 403, "NO_AUTH");
        assertThat(query(shop, order).getTradeState().name()).as("nothing paid the order").isEqualTo("NOTPAY");
    }

    @Test
    void paymentRulesForceWaitingFailureAndSuccessOnTheMerchantsOwnOrdersOnly() {
        Shop shop = newShop(true);
        Shop other = newShop(true);
        Shop off = newShop(false);
        JsonNode failing = call(shop, HttpMethod.POST, "/v3/sandbox/rules",
                "{\"target\":\"PAYMENT\",\"outcome\":\"PAYERROR\",\"out_no_pattern\":\"FAIL-*\"}");
        call(shop, HttpMethod.POST, "/v3/sandbox/rules", "{\"target\":\"PAYMENT\",\"outcome\":\"USERPAYING\"}");

        String failed = prepay(shop, "FAIL-" + unique(), 3_00);
        assertThat(query(shop, failed).getTradeState().name()).isEqualTo("PAYERROR");
        String alsoFailed = prepay(shop, "FAIL-" + unique(), 3_00);
        assertThat(query(shop, alsoFailed).getTradeState().name()).as("a pattern rule stays").isEqualTo("PAYERROR");

        String waiting = prepay(shop, "W-" + unique(), 4_00);
        assertThat(query(shop, waiting).getTradeState().name()).isEqualTo("USERPAYING");
        String next = prepay(shop, "W-" + unique(), 4_00);
        assertThat(query(shop, next).getTradeState().name()).as("a rule for the next payment is used up")
                .isEqualTo("NOTPAY");

        JsonNode paid = call(shop, HttpMethod.POST, "/v3/sandbox/orders/" + waiting + "/pay", "{}");
        assertThat(paid.get("trade_state").asString()).isEqualTo("SUCCESS");
        Transaction done = query(shop, waiting);
        assertThat(done.getTradeState().name()).isEqualTo("SUCCESS");
        assertThat(done.getAmount().getPayerTotal()).isEqualTo(4_00);
        assertThat(balance(accounts.openMerchantSettlement(shop.id()))).as("4.00 less the 0.02 fee")
                .isEqualTo(4_00 - 2);

        call(shop, HttpMethod.POST, "/v3/sandbox/rules", "{\"target\":\"PAYMENT\",\"outcome\":\"SUCCESS\"}");
        String instant = prepay(shop, "S-" + unique(), 2_50);
        assertThat(query(shop, instant).getTradeState().name()).as("paid before prepay answered").isEqualTo("SUCCESS");

        for (Shop bystander : List.of(other, off)) {
            String same = prepay(bystander, "FAIL-" + unique(), 3_00);
            assertThat(query(bystander, same).getTradeState().name())
                    .as("another merchant's order matching the pattern is untouched").isEqualTo("NOTPAY");
        }
        assertError(() -> call(other, HttpMethod.DELETE, "/v3/sandbox/rules/" + failing.get("id").asLong(), null),
                404, "RESOURCE_NOT_EXISTS");
        call(shop, HttpMethod.DELETE, "/v3/sandbox/rules/" + failing.get("id").asLong(), null);
        assertThat(query(shop, prepay(shop, "FAIL-" + unique(), 3_00)).getTradeState().name())
                .as("a deleted rule forces nothing").isEqualTo("NOTPAY");
        assertThat(call(shop, HttpMethod.GET, "/v3/sandbox/settings", null).get("rules")).isEmpty();
    }

    @Test
    void theTestPayerPaysAnOrderAsAnyPayerWouldAndAJsapiOrderOnlyIfItNamesIt() {
        Shop shop = newShop(true);
        String order = prepay(shop, "P-" + unique(), 12_34);

        JsonNode paid = call(shop, HttpMethod.POST, "/v3/sandbox/orders/" + order + "/pay", "{}");

        Transaction t = query(shop, order);
        assertThat(t.getTradeState().name()).isEqualTo("SUCCESS");
        assertThat(t.getTransactionId()).isEqualTo(paid.get("transaction_id").asString());
        assertThat(t.getPayer().getOpenid()).isEqualTo(paid.get("payer").get("openid").asString());
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/orders/" + order + "/pay", "{}"), 400,
                "INVALID_REQUEST");
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/orders/NO-SUCH-ORDER/pay", "{}"), 404,
                "RESOURCE_NOT_EXISTS");
        Shop other = newShop(true);
        assertError(() -> call(other, HttpMethod.POST, "/v3/sandbox/orders/" + order + "/pay", "{}"), 404,
                "RESOURCE_NOT_EXISTS");

        String openid = call(shop, HttpMethod.GET, "/v3/sandbox/payer?appid=" + shop.appid(), null).get("openid")
                .asString();
        assertThat(openid).isEqualTo(t.getPayer().getOpenid());
        String jsapiOrder = "J-" + unique();
        shop.jsapi().prepay(jsapiRequest(shop, jsapiOrder, openid));
        call(shop, HttpMethod.POST, "/v3/sandbox/orders/" + jsapiOrder + "/pay", "{}");
        assertThat(query(shop, jsapiOrder).getTradeState().name()).isEqualTo("SUCCESS");
        assertError(() -> call(shop, HttpMethod.GET, "/v3/sandbox/payer?appid=" + other.appid(), null), 404,
                "RESOURCE_NOT_EXISTS");
    }

    @Test
    void refundRulesHoldARefundProcessingUntilReleasedOrMakeItAbnormal() {
        Shop shop = newShop(true);
        String order = prepay(shop, "R-" + unique(), 20_00);
        call(shop, HttpMethod.POST, "/v3/sandbox/orders/" + order + "/pay", "{}");
        long payerWallet = accounts.openWallet(sandboxPayers.payerUserId(shop.id()));
        long walletBefore = balance(payerWallet);
        call(shop, HttpMethod.POST, "/v3/sandbox/rules",
                "{\"target\":\"REFUND\",\"outcome\":\"PROCESSING\",\"out_no_pattern\":\"SLOW-*\"}");
        call(shop, HttpMethod.POST, "/v3/sandbox/rules", "{\"target\":\"REFUND\",\"outcome\":\"ABNORMAL\"}");

        Refund abnormal = refund(shop, order, "A-" + unique(), 3_00);
        assertThat(abnormal.getStatus()).isEqualTo(Status.ABNORMAL);
        Refund slow = refund(shop, order, "SLOW-" + unique(), 5_00);
        assertThat(slow.getStatus()).isEqualTo(Status.PROCESSING);
        assertThat(balance(payerWallet)).as("neither reached the payer").isEqualTo(walletBefore);

        JsonNode released = call(shop, HttpMethod.POST, "/v3/sandbox/refunds/" + slow.getOutRefundNo() + "/release",
                "{\"status\":\"SUCCESS\"}");
        assertThat(released.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(queryRefund(shop, slow.getOutRefundNo()).getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(balance(payerWallet)).isEqualTo(walletBefore + 5_00);
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/refunds/" + slow.getOutRefundNo() + "/release",
                "{\"status\":\"SUCCESS\"}"), 400, "INVALID_REQUEST");
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/refunds/" + abnormal.getOutRefundNo() + "/release",
                "{\"status\":\"SUCCESS\"}"), 400, "INVALID_REQUEST");

        Refund ordinary = refund(shop, order, "N-" + unique(), 1_00);
        assertThat(ordinary.getStatus()).as("the next-refund rule was used up").isEqualTo(Status.SUCCESS);
        Shop other = newShop(true);
        assertError(() -> call(other, HttpMethod.POST, "/v3/sandbox/refunds/" + slow.getOutRefundNo() + "/release",
                "{\"status\":\"SUCCESS\"}"), 404, "RESOURCE_NOT_EXISTS");
        assertThat(balance(PlatformAccount.WITHDRAWAL_IN_TRANSIT.id())).as("the abnormal refund's 3.00 waits in transit")
                .isGreaterThanOrEqualTo(3_00);
    }

    @Test
    void paymentCodeRulesAskForThePasswordOrFailThePaymentInsteadOfPayingPasswordFree() {
        Shop shop = newShop(true);
        TestPayers.Payer payer = payers.withBalance(100_00);
        security.passwordFree(payer.id(), true, 50_00);
        call(shop, HttpMethod.POST, "/v3/sandbox/rules",
                "{\"target\":\"PAYMENT\",\"outcome\":\"USERPAYING\",\"out_no_pattern\":\"WAIT-*\"}");
        call(shop, HttpMethod.POST, "/v3/sandbox/rules",
                "{\"target\":\"PAYMENT\",\"outcome\":\"PAYERROR\",\"out_no_pattern\":\"BAD-*\"}");

        PaymentOrder waiting = micropay(shop, "WAIT-" + unique(), payer);
        assertThat(waiting.tradeState()).isEqualTo(TradeState.USERPAYING);
        assertThatThrownBy(() -> micropay(shop, "BAD-" + unique(), payer)).isInstanceOf(PaymentCodeRefusal.class);
        PaymentOrder plain = micropay(shop, "OK-" + unique(), payer);
        assertThat(plain.tradeState()).isEqualTo(TradeState.SUCCESS);
        assertThat(balance(accounts.openWallet(payer.id()))).as("only the unforced payment was paid")
                .isEqualTo(100_00 - 1_00);
    }

    @Test
    void notificationsAreDuplicatedDelayedAndReorderedForThisMerchantOnly() {
        Shop shop = newShop(true);
        call(shop, HttpMethod.POST, "/v3/sandbox/notification-faults", "{\"duplicates\":2,\"delay_seconds\":120}");
        String first = prepay(shop, "D-" + unique(), 1_00);
        call(shop, HttpMethod.POST, "/v3/sandbox/orders/" + first + "/pay", "{}");
        notifications.deliverDue();
        assertThat(received).as("not yet: delayed by two minutes").isEmpty();
        clock.advance(Duration.ofSeconds(121));
        notifications.deliverDue();
        assertThat(received).as("delivered, then sent twice more at once").hasSize(3);
        assertThat(received.stream().map(body -> json.readTree(body).get("id").asString()).distinct())
                .as("the same notification each time").hasSize(1);

        call(shop, HttpMethod.POST, "/v3/sandbox/notification-faults", "{\"reorder_window_seconds\":60}");
        received.clear();
        clock.advance(Duration.ofMillis(60_000 - Math.floorMod(clock.millis(), 60_000) + 1_000));
        String order = prepay(shop, "O-" + unique(), 2_00);
        call(shop, HttpMethod.POST, "/v3/sandbox/orders/" + order + "/pay", "{}");
        clock.advance(Duration.ofSeconds(10));
        refund(shop, order, "OR-" + unique(), 50);
        notifications.deliverDue();
        assertThat(received).as("held until the window closes").isEmpty();
        clock.advance(Duration.ofSeconds(110));
        notifications.deliverDue();
        notifications.deliverDue();
        assertThat(received).extracting(body -> json.readTree(body).get("event_type").asString())
                .as("the later notification first").containsExactly("REFUND.SUCCESS", "TRANSACTION.SUCCESS");

        Shop other = newShop(true);
        received.clear();
        String plain = prepay(other, "P-" + unique(), 1_00);
        call(other, HttpMethod.POST, "/v3/sandbox/orders/" + plain + "/pay", "{}");
        notifications.deliverDue();
        assertThat(received).as("another merchant's notification: at once, once").hasSize(1);
    }

    @Test
    void aMerchantCannotMoveTheClockOfAnInstallationSharedWithOtherMerchants() {
        Shop shop = newShop(true);
        Instant before = clock.instant();
        assertError(() -> call(shop, HttpMethod.POST, "/v3/sandbox/clock/advance", "{\"seconds\":3600}"), 403,
                "NO_AUTH");
        assertThat(Duration.between(before, clock.instant())).as("the clock did not jump").isLessThan(Duration.ofMinutes(5));
    }

    private PaymentOrder micropay(Shop shop, String outTradeNo, TestPayers.Payer payer) {
        String code = codes.issue(payer.id(), payer.deviceId()).code();
        return paymentCodes.micropay(shop.id(), new NewOrder(TradeType.MICROPAY, shop.appid(), shop.merchant().mchid(),
                "Bun", outTradeNo, null, null, null, null, 1_00, "CNY", null, null, "POS-1",
                "digest-" + outTradeNo + code), code);
    }

    private String prepay(Shop shop, String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(shop.appid());
        request.setMchid(shop.merchant().mchid());
        request.setDescription("Sandbox item");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/notify");
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        request.setAmount(amount);
        shop.nativePay().prepay(request);
        return outTradeNo;
    }

    private com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest jsapiRequest(Shop shop, String outTradeNo,
            String openid) {
        var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
        request.setAppid(shop.appid());
        request.setMchid(shop.merchant().mchid());
        request.setDescription("Sandbox item");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/notify");
        var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
        amount.setTotal(3_00);
        request.setAmount(amount);
        Payer payer = new Payer();
        payer.setOpenid(openid);
        request.setPayer(payer);
        return request;
    }

    private Transaction query(Shop shop, String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(shop.merchant().mchid());
        request.setOutTradeNo(outTradeNo);
        return shop.nativePay().queryOrderByOutTradeNo(request);
    }

    private Refund refund(Shop shop, String outTradeNo, String outRefundNo, long refundFen) {
        Transaction order = query(shop, outTradeNo);
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(outTradeNo);
        request.setOutRefundNo(outRefundNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(refundFen);
        amount.setTotal(order.getAmount().getTotal().longValue());
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return shop.refunds().create(request);
    }

    private Refund queryRefund(Shop shop, String outRefundNo) {
        QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
        request.setOutRefundNo(outRefundNo);
        return shop.refunds().queryByOutRefundNo(request);
    }

    /** A v3 sandbox call through the SDK's signing client; the answer as JSON. */
    private JsonNode call(Shop shop, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        HttpRequest.Builder request = new HttpRequest.Builder().httpMethod(method).url(WECHAT + path);
        if (body != null) {
            headers.addHeader("Content-Type", "application/json");
            request.body(new JsonRequestBody.Builder().body(body).build());
        }
        Object answer = shop.http().execute(request.headers(headers).build(), Object.class).getServiceResponse();
        return json.valueToTree(answer == null ? Map.of() : answer);
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
            String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.getHttpStatusCode()).isEqualTo(status);
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getErrorMessage()).isNotBlank();
        });
    }

    private Shop newShop(boolean sandboxOn) {
        ApiTestMerchant merchant = ApiTestMerchant.create(merchants, credentials);
        String appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        if (sandboxOn) {
            sandbox.setEnabled(merchant.merchant().id(), true);
        }
        HttpClient http = SdkClients.http(
                SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred()), port);
        return new Shop(merchant, appid, http, new NativePayService.Builder().httpClient(http).build(),
                new JsapiService.Builder().httpClient(http).build(), new RefundService.Builder().httpClient(http).build());
    }
}
