package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.service.partnerpayments.nativepay.NativePayService;
import com.wechat.pay.java.service.partnerpayments.nativepay.model.Amount;
import com.wechat.pay.java.service.partnerpayments.nativepay.model.PrepayRequest;

import io.lingqian.api.v3.ApiV3Credentials;
import io.lingqian.api.v3.SdkClients;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.partner.Providers;
import io.lingqian.payment.Cashier;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * One continuous journey: an active service provider onboards a shop in its portal section (fills in
 * and submits the shop's application), support staff approve it in the admin queue, the provider
 * signs for the shop, takes the shop's first order through the partner API with the official SDK,
 * and sees it paid in its portal, under the shop.
 */
@DemoEnvironmentTest
class ProviderJourneyTest {

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

    @LocalServerPort
    int port;

    @Autowired Providers providers;
    @Autowired MerchantApplications applications;
    @Autowired MerchantCredentials credentials;
    @Autowired PlatformKeys platformKeys;
    @Autowired MerchantApps apps;
    @Autowired TestPayers payers;
    @Autowired Cashier cashier;

    @Test
    void aProviderOnboardsAShopWhichStaffApproveAndSeesTheShopsFirstOrder() {
        MerchantUser provider = providers.activeProvider();
        WebDriver page = browser.driver();
        String code = "J" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String legalName = "Journey Dumplings Ltd. " + code;

        page.get(url("/merchant/login"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("email")))
                .sendKeys(provider.email());
        page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/merchant"));
        page.get(url("/merchant/partner"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("shopName")))
                .sendKeys("Journey Dumplings");
        page.findElement(By.id("businessCode")).sendKeys(code);
        click("onboard");

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sub-merchant-page")));
        long shopId = Long.parseLong(page.getCurrentUrl().substring(page.getCurrentUrl().lastIndexOf('/') + 1));
        type("legalName", legalName);
        type("shortName", "Dumplings");
        type("contactName", "Zhao Liu");
        type("contactPhone", "13700000001");
        type("contactEmail", "dumplings@shop.test");
        new Select(page.findElement(By.id("category"))).selectByValue("CATERING");
        type("licenceNumber", "91440300MA5ABCDE1H");
        type("legalRepresentative", "Zhao Liu");
        type("siteUrl", "https://dumplings.example.cn");
        new Select(page.findElement(By.id("bankName"))).selectByValue("CMB");
        type("bankAccountName", legalName);
        type("bankAccountNumber", "6214 8300 0000 0002");
        click("submit");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("sub-state"), "SUBMITTED"));

        long applicationId = applications.ofMerchant(shopId).orElseThrow().id();
        page.get(url("/admin/login"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("support");
        page.findElement(By.id("password")).sendKeys(DemoEnvironmentTest.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-merchant-review"))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("application-" + applicationId)))
                .click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("start-review"))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("approve"))).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("application-state"), "APPROVED"));

        page.get(url("/merchant/partner/sub-merchants/" + shopId));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sign")));
        click("sign");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("sub-state"), "ACTIVE"));
        String subMchid = page.findElement(By.id("sub-mchid")).getText();
        assertThat(subMchid).matches("\\d{10}");

        // The shop's first order, placed by the provider through the partner API and paid by a payer.
        String outTradeNo = "JO" + code;
        String codeUrl = nativePay(provider).prepay(prepay(provider, subMchid, outTradeNo)).getCodeUrl();
        TestPayers.Payer payer = payers.withBalance(50_00);
        cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), codeUrl).prepayId(),
                TestPayers.PAY_PASSWORD);

        page.get(url("/merchant/partner"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("partner-orders")));
        assertThat(page.findElement(By.id("partner-orders")).getText())
                .contains("Journey Dumplings", outTradeNo, "12.80", "SUCCESS");
        click("all-partner-orders");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("shop-filter")));
        new Select(page.findElement(By.id("sub"))).selectByValue(Long.toString(shopId));
        click("filter");
        browser.waiting().until(ExpectedConditions.urlContains("sub=" + shopId));
        assertThat(page.findElements(By.cssSelector(".partner-order"))).singleElement()
                .satisfies(row -> assertThat(row.getText()).contains(subMchid, outTradeNo, "SUCCESS"));
    }

    private String spAppid;

    private NativePayService nativePay(MerchantUser provider) {
        long id = provider.merchantId();
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(
                ApiV3Credentials.issue(credentials, id, providers.mchidOf(id)), platformKeys.preferred());
        spAppid = apps.register(id, AppKind.OFFICIAL_ACCOUNT, "Provider account", List.of()).app().appid();
        return new NativePayService.Builder().httpClient(SdkClients.http(config, port)).build();
    }

    private PrepayRequest prepay(MerchantUser provider, String subMchid, String outTradeNo) {
        PrepayRequest request = new PrepayRequest();
        request.setSpAppid(spAppid);
        request.setSpMchid(providers.mchidOf(provider.merchantId()));
        request.setSubMchid(subMchid);
        request.setDescription("Dumplings, 20");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://provider.example.cn/notify");
        Amount amount = new Amount();
        amount.setTotal(12_80);
        request.setAmount(amount);
        return request;
    }

    /** Scrolls the element into view first (at once: Bootstrap makes scrolling smooth). */
    private void click(String id) {
        var element = browser.driver().findElement(By.id(id));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.click();
    }

    private void type(String id, String text) {
        var field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
