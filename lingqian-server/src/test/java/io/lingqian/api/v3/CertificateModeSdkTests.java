package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.billdownload.BillDownloadService;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.QueryBillEntity;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.PlatformVerification;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.payment.Cashier;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * The official SDK in certificate mode ({@code RSAAutoCertificateConfig}): it downloads the platform
 * certificates from {@code /v3/certificates}, decrypts them with the APIv3 key, names the
 * certificate's serial in every request and accepts only responses signed with a certificate it holds,
 * so each call below succeeding proves that mode end to end. Notifications are signed for it once the
 * merchant says it verifies with certificates ({@link PlatformVerification}).
 */
@DemoEnvironmentTest
class CertificateModeSdkTests {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

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
    TestPayers payers;
    @Autowired
    Cashier cashier;
    @Autowired
    MerchantNotifications notifications;
    @Autowired
    AdjustableClock clock;

    record Received(Headers headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;
    private ApiTestMerchant merchant;
    private String appid;
    private RSAAutoCertificateConfig config;
    private NativePayService nativePay;
    private RefundService refunds;
    private BillDownloadService bills;
    private BillDownloadServiceExtension billFiles;

    @BeforeEach
    void merchantInCertificateMode() throws IOException {
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

        merchant = ApiTestMerchant.create(merchants, credentials);
        appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        config = SdkClients.certificateMode(merchant.credentials(), port);
        HttpClient http = SdkClients.http(config, port);
        nativePay = new NativePayService.Builder().httpClient(http).build();
        refunds = new RefundService.Builder().httpClient(http).build();
        bills = new BillDownloadService.Builder().httpClient(http).decryptor(config.createDecryptor()).build();
        billFiles = new BillDownloadServiceExtension.Builder().httpClient(http).decryptor(config.createDecryptor())
                .build();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
    }

    @Test
    void prepayQueryCloseRefundAndBillWorkWithDownloadedCertificates() throws IOException {
        LocalDate day = startOfFreshDay();
        TestPayers.Payer payer = payers.withBalance(100_00);
        String outTradeNo = outTradeNo();

        String codeUrl = nativePay.prepay(prepay(outTradeNo, 25_00)).getCodeUrl();
        assertThat(nativePay.queryOrderByOutTradeNo(byOutTradeNo(outTradeNo)).getTradeState())
                .isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        String transactionId = cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), codeUrl).prepayId(),
                TestPayers.PAY_PASSWORD).transactionId();

        QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
        byId.setMchid(merchant.mchid());
        byId.setTransactionId(transactionId);
        Transaction paid = nativePay.queryOrderById(byId);
        assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(paid.getAmount().getPayerTotal()).isEqualTo(25_00);

        String unpaid = outTradeNo();
        nativePay.prepay(prepay(unpaid, 3_00));
        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(merchant.mchid());
        close.setOutTradeNo(unpaid);
        nativePay.closeOrder(close);
        assertThat(nativePay.queryOrderByOutTradeNo(byOutTradeNo(unpaid)).getTradeState())
                .isEqualTo(Transaction.TradeStateEnum.CLOSED);

        Refund refund = refunds.create(refund(outTradeNo, "R-" + outTradeNo, 5_00, 25_00));
        assertThat(refund.getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(refund.getAmount().getRefund()).isEqualTo(5_00L);
        QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
        query.setOutRefundNo("R-" + outTradeNo);
        assertThat(refunds.queryByOutRefundNo(query).getRefundId()).isEqualTo(refund.getRefundId());

        clock.advance(Duration.ofDays(1));
        GetTradeBillRequest bill = new GetTradeBillRequest();
        bill.setBillDate(day.toString());
        bill.setBillType(BillType.ALL);
        QueryBillEntity applied = bills.getTradeBill(bill);
        assertThat(applied.getDownloadUrl()).startsWith("https://api.mch.weixin.qq.com/v3/billdownload/file?token=");
        DigestBillEntity file = billFiles.getTradeBill(bill);
        List<String> lines;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(),
                StandardCharsets.UTF_8))) {
            lines = reader.lines().toList();
        }
        assertThat(file.verifyHash()).isTrue();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("`" + transactionId, "`" + outTradeNo));
    }

    @Test
    void notificationsNameTheCertificateSerialOnceTheMerchantVerifiesWithCertificates() {
        TestPayers.Payer payer = payers.withBalance(100_00);
        String before = paidOrder(payer, 4_00);
        notifications.deliverDue();
        Received publicKeySigned = mine(before);
        PlatformKey key = platformKeys.preferred();
        assertThat(publicKeySigned.headers().getFirst("Wechatpay-Serial")).as("the default").isEqualTo(key.publicKeyId());
        assertThatThrownBy(() -> new NotificationParser(config).parse(requestParam(publicKeySigned), Transaction.class))
                .as("why the setting exists: a certificate-mode parser knows no PUB_KEY_ID")
                .isInstanceOf(ValidationException.class);

        credentials.setPlatformVerification(merchant.merchant().id(), PlatformVerification.CERTIFICATE);
        String after = paidOrder(payer, 6_00);
        notifications.deliverDue();

        Received certificateSigned = mine(after);
        assertThat(certificateSigned.headers().getFirst("Wechatpay-Serial")).isEqualTo(key.serialNo());
        Transaction transaction = new NotificationParser(config).parse(requestParam(certificateSigned), Transaction.class);
        assertThat(transaction.getOutTradeNo()).isEqualTo(after);
        assertThat(transaction.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(transaction.getAmount().getTotal()).isEqualTo(6_00);
        // A public-key merchant's parser now fails: the setting is the merchant's promise of how it verifies.
        assertThatThrownBy(() -> new NotificationParser(publicKeyConfig(key))
                .parse(requestParam(certificateSigned), Transaction.class)).isInstanceOf(ValidationException.class);
    }

    private String paidOrder(TestPayers.Payer payer, int totalFen) {
        String outTradeNo = outTradeNo();
        PrepayRequest request = prepay(outTradeNo, totalFen);
        request.setNotifyUrl("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify");
        String codeUrl = nativePay.prepay(request).getCodeUrl();
        cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), codeUrl).prepayId(), TestPayers.PAY_PASSWORD);
        return outTradeNo;
    }

    /** The one notification that arrived for this order (the parser of the default mode reads its number). */
    private Received mine(String outTradeNo) {
        List<Received> arrived = received.stream().filter(r -> {
            PlatformKey key = platformKeys.preferred();
            NotificationParser parser = new NotificationParser(
                    r.headers().getFirst("Wechatpay-Serial").startsWith("PUB_KEY_ID_") ? publicKeyConfig(key) : config);
            return parser.parse(requestParam(r), Transaction.class).getOutTradeNo().equals(outTradeNo);
        }).toList();
        assertThat(arrived).hasSize(1);
        return arrived.get(0);
    }

    private RSAPublicKeyConfig publicKeyConfig(PlatformKey key) {
        return SdkClients.publicKeyMode(merchant.credentials(), key);
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

    private PrepayRequest prepay(String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("Flat white");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://shop.example.cn/notify");
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        request.setAmount(amount);
        return request;
    }

    private QueryOrderByOutTradeNoRequest byOutTradeNo(String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(merchant.mchid());
        request.setOutTradeNo(outTradeNo);
        return request;
    }

    private static CreateRequest refund(String outTradeNo, String outRefundNo, long refundFen, long totalFen) {
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(outTradeNo);
        request.setOutRefundNo(outRefundNo);
        request.setReason("顾客退货");
        AmountReq amount = new AmountReq();
        amount.setRefund(refundFen);
        amount.setTotal(totalFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    /** An hour into the next day in China, so the payments below all fall on one bill day. */
    private LocalDate startOfFreshDay() {
        ZonedDateTime now = clock.instant().atZone(CHINA);
        ZonedDateTime next = now.toLocalDate().plusDays(1).atStartOfDay(CHINA).plusHours(1);
        clock.advance(Duration.between(now, next));
        return next.toLocalDate();
    }

    private static String outTradeNo() {
        return "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
