package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;

import io.lingqian.api.v3.ApiV3Credentials;
import io.lingqian.api.v3.SdkClients;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeState;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * The JSAPI, APP and H5 scenes in Chromium, with the orders and their client-side parameters made by
 * the official SDK ({@code prepayWithRequestPayment} signs paySign with the merchant's key). The shop's
 * page is served from another origin by a small server in the test, includes Lingqian's bridge script
 * and calls {@code WeixinJSBridge.invoke('getBrandWCPayRequest', …)} as a WeChat page would.
 */
@DemoEnvironmentTest
class PaymentScenesJourneyTest {

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

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
    PaymentOrders orders;

    HttpServer shop;
    final Map<String, String> shopPages = new ConcurrentHashMap<>();
    TestMerchants.ApprovedMerchant merchant;
    String appid;
    HttpClient http;
    RSAPublicKeyConfig config;
    TestPayers.Payer payer;

    @BeforeEach
    void shopWithMerchantAndPayer() throws IOException {
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            String page = shopPages.getOrDefault(exchange.getRequestURI().getPath(), "<p id='returned'>back at the shop</p>");
            byte[] bytes = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Shop</title></head><body>"
                    + page + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        shop.start();

        merchant = merchants.approved();
        appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop",
                List.of("127.0.0.1:" + shop.getAddress().getPort())).app().appid();
        config = SdkClients.publicKeyMode(ApiV3Credentials.issue(credentials, merchant.id(), merchant.mchid()),
                platformKeys.preferred());
        http = SdkClients.http(config, port);
        payer = payers.withBalance(100_00);
        // Each test's payer signs in afresh: forget the wallet session of the one before.
        browser.driver().get("http://localhost:" + port + "/wallet/login");
        browser.driver().manage().deleteAllCookies();
    }

    @AfterEach
    void stopShopAndLeaveTheBrowserOnAnOpenWindow() {
        shop.stop(0);
        WebDriver driver = browser.driver();
        if (driver != null) {
            driver.getWindowHandles().stream().findFirst().ifPresent(h -> driver.switchTo().window(h));
        }
    }

    @Test
    void aJsapiPageGetsOkAfterThePayerPaysInTheCashierPopup() {
        String outTradeNo = "JS" + unique();
        PrepayWithRequestPaymentResponse params = jsapiOrder(outTradeNo, 12_00);
        WebDriver page = openShop(bridgePage(params.getAppId(), params.getTimeStamp(), params.getNonceStr(),
                params.getPackageVal(), params.getSignType(), params.getPaySign()));

        String shopWindow = page.getWindowHandle();
        page.findElement(By.id("buy")).click();
        switchToPopup(page, shopWindow);
        signInIfAsked(page);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-scene-cashier")));
        assertThat(page.findElement(By.id("order-amount")).getText()).contains("12.00");
        page.findElement(By.id("paymentPassword")).sendKeys(TestPayers.PAY_PASSWORD);
        page.findElement(By.id("pay")).click();

        page.switchTo().window(shopWindow);
        browser.waiting().until(ExpectedConditions.textToBe(By.id("outcome"), "get_brand_wcpay_request:ok"));
        assertThat(orders.byOutTradeNo(merchant.id(), outTradeNo).tradeState()).isEqualTo(TradeState.SUCCESS);
    }

    @Test
    void aForgedPaySignFailsAtOnceAndCancellingInTheCashierIsCancel() {
        String outTradeNo = "JS" + unique();
        PrepayWithRequestPaymentResponse params = jsapiOrder(outTradeNo, 3_00);
        // The nonce was changed after signing: the signature no longer covers what is sent.
        WebDriver page = openShop(bridgePage(params.getAppId(), params.getTimeStamp(), "forged" + params.getNonceStr(),
                params.getPackageVal(), params.getSignType(), params.getPaySign()));
        page.findElement(By.id("buy")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("outcome"), "get_brand_wcpay_request:fail"));
        assertThat(page.findElement(By.id("detail")).getText()).contains("paySign does not verify");

        page = openShop(bridgePage(params.getAppId(), params.getTimeStamp(), params.getNonceStr(),
                params.getPackageVal(), params.getSignType(), params.getPaySign()));
        String shopWindow = page.getWindowHandle();
        page.findElement(By.id("buy")).click();
        switchToPopup(page, shopWindow);
        signInIfAsked(page);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel"))).click();

        page.switchTo().window(shopWindow);
        browser.waiting().until(ExpectedConditions.textToBe(By.id("outcome"), "get_brand_wcpay_request:cancel"));
        assertThat(orders.byOutTradeNo(merchant.id(), outTradeNo).tradeState()).isEqualTo(TradeState.NOTPAY);
    }

    @Test
    void anAppLinkOpensTheCashierOnlyWithTheMerchantsSign() {
        String outTradeNo = "AP" + unique();
        var request = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("Game coins");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://shop.example/notify");
        var amount = new com.wechat.pay.java.service.payments.app.model.Amount();
        amount.setTotal(6_00);
        request.setAmount(amount);
        var app = new AppServiceExtension.Builder().config(config).httpClient(http).build()
                .prepayWithRequestPayment(request);
        WebDriver page = browser.driver();

        page.get(appLink(app.getAppid(), app.getPartnerId(), app.getPrepayId(), app.getPackageVal(),
                app.getNonceStr(), app.getTimestamp(), app.getSign().replace('A', 'B').replace('C', 'A')));
        signInIfAsked(page);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-scene-done")));
        assertThat(page.findElement(By.id("scene-result")).getText()).contains("cannot be made")
                .contains("sign does not verify");

        page.get(appLink(app.getAppid(), app.getPartnerId(), app.getPrepayId(), app.getPackageVal(),
                app.getNonceStr(), app.getTimestamp(), app.getSign()));
        page.findElement(By.id("paymentPassword")).sendKeys(TestPayers.PAY_PASSWORD);
        page.findElement(By.id("pay")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("back-to-app")));
        assertThat(page.findElement(By.id("scene-result")).getText()).startsWith("Paid");
        assertThat(orders.byOutTradeNo(merchant.id(), outTradeNo).tradeState()).isEqualTo(TradeState.SUCCESS);
    }

    @Test
    void anH5PaymentReturnsToTheShopsRedirectUrlOnlyOnItsRegisteredDomain() {
        String outTradeNo = "H5" + unique();
        var request = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("Concert ticket");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://shop.example/notify");
        var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
        amount.setTotal(9_00);
        request.setAmount(amount);
        var scene = new com.wechat.pay.java.service.payments.h5.model.SceneInfo();
        scene.setPayerClientIp("203.0.113.7");
        var h5 = new com.wechat.pay.java.service.payments.h5.model.H5Info();
        h5.setType("Wap");
        scene.setH5Info(h5);
        request.setSceneInfo(scene);
        String h5Url = new H5Service.Builder().httpClient(http).build().prepay(request).getH5Url();
        WebDriver page = browser.driver();

        page.get(h5Url + "&redirect_url=" + URLEncoder.encode("https://evil.example/x", StandardCharsets.UTF_8));
        signInIfAsked(page);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-scene-done")));
        assertThat(page.findElement(By.id("scene-description")).getText()).contains("not a domain registered");

        String back = "http://127.0.0.1:" + shop.getAddress().getPort() + "/order/" + outTradeNo + "?from=h5";
        page.get(h5Url + "&redirect_url=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("paymentPassword")))
                .sendKeys(TestPayers.PAY_PASSWORD);
        page.findElement(By.id("pay")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("returned")));
        assertThat(page.getCurrentUrl()).isEqualTo(back);
        assertThat(orders.byOutTradeNo(merchant.id(), outTradeNo).tradeState()).isEqualTo(TradeState.SUCCESS);
    }

    private PrepayWithRequestPaymentResponse jsapiOrder(String outTradeNo, int fen) {
        var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("Tea");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://shop.example/notify");
        var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
        amount.setTotal(fen);
        request.setAmount(amount);
        var jsapiPayer = new com.wechat.pay.java.service.payments.jsapi.model.Payer();
        jsapiPayer.setOpenid(openIds.openidOf(appid, payer.id()));
        request.setPayer(jsapiPayer);
        return new JsapiServiceExtension.Builder().config(config).httpClient(http).build()
                .prepayWithRequestPayment(request);
    }

    /** The shop's payment page, as a WeChat JSAPI page is written, with the bridge from Lingqian. */
    private String bridgePage(String appId, String timeStamp, String nonceStr, String pkg, String signType,
            String paySign) {
        return "<button id='buy'>Pay with WeChat</button><div id='ready'></div><div id='outcome'></div>"
                + "<div id='detail'></div>"
                + "<script src='http://localhost:" + port + "/jsapi/lingqian-bridge.js'></script>"
                + "<script>"
                + "document.addEventListener('WeixinJSBridgeReady', function () {"
                + "  document.getElementById('ready').textContent = 'ready'; });"
                + "var params = {appId: '" + appId + "', timeStamp: '" + timeStamp + "', nonceStr: '" + nonceStr
                + "', 'package': '" + pkg + "', signType: '" + signType + "', paySign: '" + paySign + "'};"
                + "document.getElementById('buy').onclick = function () {"
                + "  WeixinJSBridge.invoke('getBrandWCPayRequest', params, function (res) {"
                + "    document.getElementById('detail').textContent = res.err_desc || '';"
                + "    document.getElementById('outcome').textContent = res.err_msg; }); };"
                + "</script>";
    }

    private WebDriver openShop(String html) {
        String path = "/pay/" + unique();
        shopPages.put(path, html);
        WebDriver page = browser.driver();
        page.get("http://127.0.0.1:" + shop.getAddress().getPort() + path);
        browser.waiting().until(ExpectedConditions.textToBe(By.id("ready"), "ready"));
        return page;
    }

    private String appLink(String appid, String partnerid, String prepayid, String pkg, String noncestr,
            String timestamp, String sign) {
        return "http://localhost:" + port + "/wallet/app-pay?appid=" + appid + "&partnerid=" + partnerid
                + "&prepayid=" + prepayid + "&package=" + URLEncoder.encode(pkg, StandardCharsets.UTF_8)
                + "&noncestr=" + noncestr + "&timestamp=" + timestamp
                + "&sign=" + URLEncoder.encode(sign, StandardCharsets.UTF_8);
    }

    private static void switchToPopup(WebDriver page, String shopWindow) {
        browser.waiting().until(driver -> driver.getWindowHandles().size() > 1);
        Set<String> handles = page.getWindowHandles();
        handles.stream().filter(h -> !h.equals(shopWindow)).findFirst().ifPresent(h -> page.switchTo().window(h));
    }

    /** The wallet asks for sign-in once per browser session; later pages go straight to the cashier. */
    private void signInIfAsked(WebDriver page) {
        browser.waiting().until(driver -> !driver.getCurrentUrl().startsWith("about:")
                && !driver.findElements(By.tagName("main")).isEmpty());
        if (page.getCurrentUrl().contains("/wallet/login")) {
            page.findElement(By.id("mobile")).sendKeys(payer.user().mobile());
            page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
            page.findElement(By.id("sign-in")).click();
            browser.waiting().until(driver -> !driver.getCurrentUrl().contains("/wallet/login"));
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
