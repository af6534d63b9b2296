package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.demoshop.DemoMerchantFiles;
import io.lingqian.ledger.Ledger;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.Refund;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeState;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.MoneyStatus;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.TopUps;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletUser;

/**
 * The demo shop in Chromium, end to end: a visitor buys by Native QR code (a fresh payer pastes the
 * code_url in the wallet and pays) and by JSAPI (the demo payer Li Lei pays through the bridge's
 * cashier popup); the shop sees both orders paid, one of them also through its verified notification;
 * the merchant signs in to the portal and refunds part of the QR order from its order page; the payer
 * sees the refund in the wallet's bill list.
 *
 * <p>Isolation: the shop and every console share the origin {@code localhost:<port>}, so the cookies
 * are cleared there (the only origin visited) whenever the person at the browser changes. Li Lei and
 * the demo merchant are shared with other tests and, on PostgreSQL, with earlier runs: nothing here
 * assumes an empty bill list or order list, only the rows of the orders it placed.
 */
@DemoEnvironmentTest
class DemoShopJourneyTest {

    /** Li Lei's payment password, set by the demo seed (DemoFriends). */
    private static final String DEMO_PAYMENT_PASSWORD = "284619";
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
    Refunds refunds;
    @Autowired
    MerchantNotifications notifications;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    WalletCards cards;
    @Autowired
    TopUps topUps;

    @BeforeEach
    void currentFilesAndAFreshBrowser() {
        files.ensureCurrent();
        enoughForACoffee(files.payer());
        signOutEverywhere();
    }

    @AfterEach
    void leaveTheBrowserOnAnOpenWindow() {
        WebDriver driver = browser.driver();
        if (driver != null) {
            driver.getWindowHandles().stream().findFirst().ifPresent(h -> driver.switchTo().window(h));
        }
    }

    @Test
    void theShopSellsByQrCodeAndByJsapiTheMerchantRefundsPartAndThePayerSeesIt() {
        WebDriver page = browser.driver();

        // 1. Native: the shop shows the QR code of the order's code_url ...
        page.get(url("/"));
        page.findElement(By.linkText("demo shop")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("buy-native"))).click();
        String codeUrl = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("code-url")))
                .getText();
        assertThat(page.findElement(By.id("qr")).getAttribute("naturalWidth")).as("the QR picture loaded")
                .isNotEqualTo("0");
        String nativeOrderPage = page.getCurrentUrl();
        String nativeOrder = page.findElement(By.id("out-trade-no")).getText();
        assertThat(page.findElement(By.id("order-state")).getText()).isEqualTo("UNPAID");

        // ... a payer "scans" it by pasting it in the wallet and pays ...
        TestPayers.Payer payer = payers.withBalance(100_00);
        page.get(url("/wallet/scan"));
        signInToWallet(payer.user().mobile(), TestUsers.PASSWORD);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("codeUrl"))).sendKeys(codeUrl);
        page.findElement(By.id("scan-link")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("order-amount")));
        assertThat(page.findElement(By.id("merchant-name")).getText()).isEqualTo("Lingqian Demo Coffee");
        assertThat(page.findElement(By.id("order-amount")).getText()).contains("38.00");
        page.findElement(By.id("paymentPassword")).sendKeys(TestPayers.PAY_PASSWORD);
        page.findElement(By.id("pay")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("paid-title")));

        // ... and the shop's page, polling its own backend (which queries the API), shows it paid;
        // the notification then arrives at the shop's notify endpoint and verifies.
        page.get(nativeOrderPage);
        browser.waiting().until(ExpectedConditions.textToBe(By.id("order-state"), "PAID"));
        assertThat(page.findElement(By.id("paid-banner")).isDisplayed()).isTrue();
        notifications.deliverDue();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("notified")));

        // 2. JSAPI: the shop's page calls WeixinJSBridge; Li Lei pays in the cashier popup.
        signOutEverywhere();
        page.get(url("/demo-shop/"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("buy-jsapi"))).click();
        String jsapiOrder = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("out-trade-no")))
                .getText();
        String shopWindow = page.getWindowHandle();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("pay"))).click();
        switchToPopup(page, shopWindow);
        browser.waiting().until(driver -> !driver.getCurrentUrl().startsWith("about:")
                && !driver.findElements(By.tagName("main")).isEmpty());
        signInToWallet(DemoMerchantFiles.PAYER_MOBILE, DemoEnvironmentTest.PASSWORD);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-scene-cashier")));
        assertThat(page.findElement(By.id("order-amount")).getText()).contains("38.00");
        page.findElement(By.id("paymentPassword")).sendKeys(DEMO_PAYMENT_PASSWORD);
        page.findElement(By.id("pay")).click();
        page.switchTo().window(shopWindow);
        browser.waiting().until(ExpectedConditions.textToBe(By.id("bridge-result"), "get_brand_wcpay_request:ok"));
        browser.waiting().until(ExpectedConditions.textToBe(By.id("order-state"), "PAID"));
        long demo = files.merchant().id();
        assertThat(orders.byOutTradeNo(demo, jsapiOrder).tradeState()).isEqualTo(TradeState.SUCCESS);
        assertThat(orders.byOutTradeNo(demo, jsapiOrder).payerUserId()).isEqualTo(files.payer().id());

        // 3. The merchant refunds 10.00 of the QR order from its order page in the portal.
        signOutEverywhere();
        page.get(url("/merchant/orders/" + nativeOrder));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(MERCHANT_EMAIL);
        page.findElement(By.id("password")).sendKeys(DemoEnvironmentTest.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("refund"))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("amount"))).sendKeys("10.00");
        page.findElement(By.id("reason")).sendKeys("One cup short");
        page.findElement(By.id("refund-submit")).click();
        browser.waiting().until(driver -> driver.getCurrentUrl().endsWith("/merchant/refunds"));
        assertThat(refunds.ofOrder(demo, orders.byOutTradeNo(demo, nativeOrder))).singleElement().extracting(Refund::refundFen).isEqualTo(10_00L);
        assertThat(orders.byOutTradeNo(demo, nativeOrder).tradeState()).isEqualTo(TradeState.REFUND);

        // 4. The payer sees the refund in the wallet's bill list (a fresh payer: these are all its bills).
        signOutEverywhere();
        page.get(url("/wallet/bills"));
        signInToWallet(payer.user().mobile(), TestUsers.PASSWORD);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-list")));
        WebElement refund = page.findElements(By.cssSelector("#bill-list .lq-bill")).stream()
                .filter(bill -> bill.findElement(By.className("lq-bill-amount")).getText().equals("+10.00"))
                .findFirst().orElseThrow(() -> new AssertionError("no +10.00 in the bill list: "
                        + page.findElement(By.id("bill-list")).getText()));
        assertThat(refund.getText()).containsIgnoringCase("refund");
        assertThat(page.findElement(By.id("bill-list")).getText()).contains("-38.00");

        // The shop learns of the refund from its notification too.
        notifications.deliverDue();
        page.get(nativeOrderPage);
        browser.waiting().until(ExpectedConditions.textToBe(By.id("refunded"), "10.00"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Every page of this test is on localhost:<port>, so its cookies are all there is to forget. */
    private void signOutEverywhere() {
        WebDriver page = browser.driver();
        page.get(url("/wallet/login"));
        page.manage().deleteAllCookies();
    }

    private void signInToWallet(String mobile, String password) {
        WebDriver page = browser.driver();
        browser.waiting().until(driver -> driver.getCurrentUrl().contains("/wallet/login")
                || !driver.findElements(By.tagName("main")).isEmpty());
        if (page.getCurrentUrl().contains("/wallet/login")) {
            page.findElement(By.id("mobile")).sendKeys(mobile);
            page.findElement(By.id("password")).sendKeys(password);
            page.findElement(By.id("sign-in")).click();
            browser.waiting().until(driver -> !driver.getCurrentUrl().contains("/wallet/login"));
        }
    }

    private static void switchToPopup(WebDriver page, String shopWindow) {
        browser.waiting().until(driver -> driver.getWindowHandles().size() > 1);
        Set<String> handles = page.getWindowHandles();
        handles.stream().filter(h -> !h.equals(shopWindow)).findFirst().ifPresent(h -> page.switchTo().window(h));
    }

    /**
     * Li Lei is shared with other tests and, on PostgreSQL, with every earlier run: topped up with his
     * demo card when a coffee would not fit any more.
     */
    private void enoughForACoffee(WalletUser li) {
        long balance = ledger.account(accounts.openWallet(li.id())).orElseThrow().balances().creditBalance();
        if (balance < 100_00) {
            long card = cards.cards(li.id()).get(0).id();
            assertThat(topUps.topUp(li.id(), card, 500_00, "demo-shop-journey-" + java.util.UUID.randomUUID()).status())
                    .isEqualTo(MoneyStatus.SUCCEEDED);
        }
    }
}
