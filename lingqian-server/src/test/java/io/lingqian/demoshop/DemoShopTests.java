package io.lingqian.demoshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.Notification;
import io.lingqian.notification.NotificationStatus;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo shop over HTTP, as a visitor's browser and Lingqian's notifier reach it. Its orders must
 * be real orders of the demo merchant at Lingqian (placed through the API with the merchant's files),
 * and it must learn of a payment both by querying and from a notification it verified itself.
 */
@DemoEnvironmentTest
class DemoShopTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    DemoMerchantFiles files;
    @Autowired
    PaymentOrders orders;
    @Autowired
    Cashier cashier;
    @Autowired
    TestPayers payers;
    @Autowired
    MerchantNotifications notifications;
    @Autowired
    JsonMapper json;

    HttpClient browser;

    @BeforeEach
    void currentFilesAndAFreshVisitor() {
        files.ensureCurrent();
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void aNativeOrderIsARealOrderWhoseQrCodePaysAndTheShopLearnsItByQueryAndByNotification() throws Exception {
        String orderPage = buy("NATIVE");
        String outTradeNo = orderPage.substring(orderPage.lastIndexOf('/') + 1);
        PaymentOrder atLingqian = orders.byOutTradeNo(files.merchant().id(), outTradeNo);
        assertThat(atLingqian.tradeType()).isEqualTo(TradeType.NATIVE);
        assertThat(atLingqian.totalFen()).isEqualTo(38_00);
        assertThat(atLingqian.notifyUrl()).isEqualTo("http://localhost:" + port + "/demo-shop/notify");

        String page = get(orderPage).body();
        assertThat(page).contains(atLingqian.codeUrl(), "qr.png");
        HttpResponse<byte[]> png = browser.send(request("/demo-shop/orders/" + outTradeNo + "/qr.png").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(decode(png.body())).as("the picture a payer uploads").isEqualTo(atLingqian.codeUrl());
        assertThat(state(outTradeNo).get("state").asString()).isEqualTo("UNPAID");

        TestPayers.Payer payer = payers.withBalance(100_00);
        cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), atLingqian.codeUrl()).prepayId(),
                TestPayers.PAY_PASSWORD);

        JsonNode queried = state(outTradeNo);
        assertThat(queried.get("state").asString()).as("asked the API").isEqualTo("PAID");
        assertThat(queried.get("transactionId").asString())
                .isEqualTo(orders.byOutTradeNo(files.merchant().id(), outTradeNo).transactionId());
        assertThat(queried.get("notified").asBoolean()).isFalse();

        notifications.deliverDue();

        assertThat(state(outTradeNo).get("notified").asBoolean()).as("verified with the SDK's NotificationParser")
                .isTrue();
        assertThat(notifications.recent(files.merchant().id(), 50)).filteredOn(n -> n.subject().equals(outTradeNo))
                .singleElement().extracting(Notification::status).isEqualTo(NotificationStatus.DELIVERED);
    }

    @Test
    void aJsapiOrderCarriesParametersSignedWithTheMerchantsKeyForTheDemoPayer() throws Exception {
        String orderPage = buy("JSAPI");
        String outTradeNo = orderPage.substring(orderPage.lastIndexOf('/') + 1);
        PaymentOrder atLingqian = orders.byOutTradeNo(files.merchant().id(), outTradeNo);
        assertThat(atLingqian.tradeType()).isEqualTo(TradeType.JSAPI);
        assertThat(atLingqian.payerOpenid()).isEqualTo(DemoMerchantFiles.read("payer_openid.txt"));
        assertThat(atLingqian.tradeState()).isEqualTo(TradeState.NOTPAY);

        String page = get(orderPage).body();
        assertThat(page).contains("/jsapi/lingqian-bridge.js", "getBrandWCPayRequest");
        String appId = field(page, "appId");
        String timeStamp = field(page, "timeStamp");
        String nonceStr = field(page, "nonceStr");
        String pkg = field(page, "package");
        assertThat(appId).isEqualTo(DemoMerchantFiles.read("appid.txt"));
        assertThat(pkg).isEqualTo("prepay_id=" + atLingqian.prepayId());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(DemoMerchantFiles.read("apiclient_cert.pem").getBytes(StandardCharsets.US_ASCII))));
        rsa.update((appId + "\n" + timeStamp + "\n" + nonceStr + "\n" + pkg + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(rsa.verify(Base64.getDecoder().decode(field(page, "paySign")))).as("§3.2 paySign").isTrue();
    }

    @Test
    void aNotificationThatDoesNotVerifyIsRefusedAndChangesNothing() throws Exception {
        String orderPage = buy("NATIVE");
        String outTradeNo = orderPage.substring(orderPage.lastIndexOf('/') + 1);
        String forged = "{\"id\":\"x\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{\"algorithm\":"
                + "\"AEAD_AES_256_GCM\",\"ciphertext\":\"AAAA\",\"associated_data\":\"transaction\",\"nonce\":\"abcdefghijkl\"}}";

        HttpResponse<String> answer = browser.send(request("/demo-shop/notify")
                .header("Content-Type", "application/json")
                .header("Wechatpay-Serial", DemoMerchantFiles.read("platform_pub_key_id.txt"))
                .header("Wechatpay-Nonce", "n").header("Wechatpay-Timestamp", "1700000000")
                .header("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[256]))
                .POST(HttpRequest.BodyPublishers.ofString(forged)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("FAIL");
        assertThat(state(outTradeNo).get("state").asString()).isEqualTo("UNPAID");
    }

    @Test
    void theShopIsLinkedFromTheLandingPageAndRefusesAnUnknownChannel() throws Exception {
        assertThat(get("/").body()).contains("href=\"/demo-shop/\"");
        String shop = get("/demo-shop/").body();
        assertThat(shop).contains("Lingqian house blend coffee beans", "38.00", "buy-native", "buy-jsapi");

        HttpResponse<String> refused = post("/demo-shop/orders", csrf(shop), "BITCOIN");
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/demo-shop/");
        assertThat(get("/demo-shop/").body()).contains("Choose to pay by QR code or in WeChat.");
        assertThat(get("/demo-shop/orders/DEMONOSUCHORDER0000").statusCode()).isEqualTo(404);
    }

    /** Opens the shop and presses a buy button; the order page it lands on. */
    private String buy(String channel) throws IOException, InterruptedException {
        String shop = get("/demo-shop/").body();
        HttpResponse<String> placed = post("/demo-shop/orders", csrf(shop), channel);
        assertThat(placed.statusCode()).isEqualTo(302);
        String location = URI.create(placed.headers().firstValue("Location").orElseThrow()).getPath();
        assertThat(location).startsWith("/demo-shop/orders/DEMO");
        return location;
    }

    private JsonNode state(String outTradeNo) throws IOException, InterruptedException {
        return json.readTree(get("/demo-shop/orders/" + outTradeNo + "/state").body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String csrf, String channel) throws IOException, InterruptedException {
        String form = "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&channel=" + channel;
        return browser.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token in the form").isTrue();
        return m.group(1);
    }

    /** A value of the inlined payParams object ("key":"value"). */
    private static String field(String page, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as(key + " in the page").isTrue();
        // Thymeleaf's JavaScript inlining writes "/" as "\/" inside strings
        return m.group(1).replace("\\/", "/");
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
    }
}
