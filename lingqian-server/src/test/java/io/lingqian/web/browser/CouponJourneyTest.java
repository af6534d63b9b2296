package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.demoshop.DemoMerchantFiles;
import io.lingqian.marketing.CouponStatus;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.Coupons;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * Coupons in Chromium, end to end: the demo merchant creates a stock in the portal and starts it, a
 * new wallet user opens its claim link, signs in and claims a coupon, buys the demo shop's coffee by
 * QR code and pays with the coupon the cashier offers, and the merchant sees the reduced amount and
 * the coupon on the order's page and the redemption on the stock's page.
 *
 * <p>The demo merchant is shared with other tests (and, on PostgreSQL, with earlier runs): the stock's
 * name is unique to this run and nothing assumes an empty list.
 */
@DemoEnvironmentTest
class CouponJourneyTest {

    private static final String MERCHANT_EMAIL = "demo@merchant.lingqian.test";

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

    @LocalServerPort
    int port;
    @Autowired
    DemoMerchantFiles files;
    @Autowired
    TestPayers payers;
    @Autowired
    PaymentOrders orders;
    @Autowired
    PaymentRecords records;
    @Autowired
    CouponStocks stocks;
    @Autowired
    Coupons coupons;

    @BeforeEach
    void currentFilesAndAFreshBrowser() {
        files.ensureCurrent();
        signOutEverywhere();
    }

    @Test
    void aMerchantsStockIsClaimedByLinkAndUsedToPayTheDemoShop() {
        WebDriver page = browser.driver();
        String name = "J" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);

        // 1. The merchant creates a stock (8.00 off from 30.00, five coupons, one each) and starts it.
        page.get(url("/merchant/marketing"));
        signInToPortal();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-stock")));
        page.findElement(By.id("name")).sendKeys(name);
        page.findElement(By.id("amount")).sendKeys("8.00");
        page.findElement(By.id("minimum")).sendKeys("30.00");
        page.findElement(By.id("count")).sendKeys("5");
        submit(page.findElement(By.id("create-stock")));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("stock-page")));
        assertThat(page.findElement(By.id("stock-name")).getText()).isEqualTo(name);
        assertThat(page.findElement(By.id("stock-status")).getText()).isEqualTo("unactivated");
        submit(page.findElement(By.id("start")));
        browser.waiting().until(ExpectedConditions.textToBe(By.id("stock-status"), "running"));
        String stockId = page.findElement(By.id("stock-id")).getText();
        String claimUrl = page.findElement(By.id("claim-url")).getDomProperty("value");
        assertThat(claimUrl).isEqualTo(url("/wallet/coupons/claim/" + stockId));
        assertThat(page.findElement(By.id("claim-qr")).getDomProperty("naturalWidth")).as("the QR picture loaded")
                .isNotEqualTo("0");

        // 2. A wallet user opens the link, signs in on the way, and claims a coupon.
        signOutEverywhere();
        TestPayers.Payer payer = payers.withBalance(100_00);
        page.get(claimUrl);
        signInToWallet(payer.user().mobile());
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-coupon-claim")));
        assertThat(page.findElement(By.id("stock-name")).getText()).isEqualTo(name);
        assertThat(page.findElement(By.id("coupon-threshold")).getText()).isEqualTo("For orders from ¥30.00");
        submit(page.findElement(By.id("claim")));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-coupons")));
        assertThat(page.findElement(By.id("message")).getText()).contains("¥8.00 off at " + name);
        assertThat(page.findElement(By.id("coupons-available")).getText()).contains(name, "8.00");

        // 3. The user buys the demo shop's coffee by QR code; the cashier offers the coupon.
        page.get(url("/demo-shop/"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("buy-native"))).click();
        String codeUrl = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("code-url")))
                .getText();
        String outTradeNo = page.findElement(By.id("out-trade-no")).getText();
        page.get(url("/wallet/scan"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("codeUrl"))).sendKeys(codeUrl);
        page.findElement(By.id("scan-link")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("order-amount")));
        assertThat(page.findElement(By.id("order-amount")).getText()).contains("38.00");
        Select coupon = new Select(page.findElement(By.id("couponId")));
        assertThat(coupon.getFirstSelectedOption().getText()).contains(name, "−¥8.00");
        assertThat(coupon.getOptions()).extracting(WebElement::getText).contains("No coupon");
        page.findElement(By.id("paymentPassword")).sendKeys(TestPayers.PAY_PASSWORD);
        page.findElement(By.id("pay")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("paid-title")));
        assertThat(page.findElement(By.id("paid-amount")).getText()).isEqualTo("30.00");
        assertThat(coupons.ofUser(payer.id(), stockId, CouponStatus.USED, 0, 10)).hasSize(1);

        // 4. The merchant sees the reduced amount and the coupon on the order, and the stock's redemption.
        signOutEverywhere();
        page.get(url("/merchant/orders/" + outTradeNo));
        signInToPortal();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("order-fields")));
        assertThat(page.findElement(By.id("total")).getText()).isEqualTo("38.00");
        assertThat(page.findElement(By.id("payer-total")).getText()).isEqualTo("30.00");
        PaymentOrder order = orders.byOutTradeNo(files.merchant().id(), outTradeNo);
        String couponId = records.discountsOf(order).get(0).id();
        WebElement discount = page.findElement(By.id("discount-" + couponId));
        assertThat(discount.getText()).contains("Coupon (you pay)", "8.00", name, "stock " + stockId);

        page.get(url("/merchant/marketing/stocks/" + stockId));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("budget")));
        assertThat(page.findElement(By.id("budget-issued")).getText()).isEqualTo("8.00 (1 coupons)");
        assertThat(page.findElement(By.id("budget-redeemed")).getText()).isEqualTo("8.00 (1 coupons)");
        assertThat(page.findElement(By.id("budget-remaining")).getText()).isEqualTo("32.00 (4 coupons)");
        assertThat(page.findElement(By.id("days")).getText()).contains("8.00");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A form button may sit under the window's edge: submit its form instead of clicking. */
    private static void submit(WebElement button) {
        button.submit();
    }

    /** Every page of this test is on localhost:<port>, so its cookies are all there is to forget. */
    private void signOutEverywhere() {
        WebDriver page = browser.driver();
        page.get(url("/wallet/login"));
        page.manage().deleteAllCookies();
    }

    private void signInToPortal() {
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(MERCHANT_EMAIL);
        WebDriver page = browser.driver();
        page.findElement(By.id("password")).sendKeys(DemoEnvironmentTest.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(driver -> !driver.getCurrentUrl().contains("/merchant/login"));
    }

    private void signInToWallet(String mobile) {
        WebDriver page = browser.driver();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("mobile"))).sendKeys(mobile);
        page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(driver -> !driver.getCurrentUrl().contains("/wallet/login"));
    }
}
