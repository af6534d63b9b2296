package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.care.CareFixtures;
import io.lingqian.care.CompensationFund;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * The lost phone, in Chromium: the user freezes the wallet without signing in (mobile number, ID
 * number, SMS code), a payment is refused, the user re-verifies and asks to lift the freeze, staff
 * approve it in the admin console, the user claims compensation for a payment the thief made, staff
 * approve it, and the money is in the wallet.
 *
 * <p>The wallet and the admin console run in one browser here: each switch deletes the cookies of
 * the page's host first (Selenium deletes only the current host's), so one console's session never
 * leaks into the other's sign-in.
 */
@DemoEnvironmentTest
class EmergencyFreezeJourneyTest {

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

    @LocalServerPort
    int port;
    @Autowired TestPayers payers;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired CareFixtures fixtures;
    @Autowired CompensationFund fund;
    @Autowired TestUsers users;

    @Test
    void aLostPhoneIsFrozenUnfrozenAfterVerificationAndTheStolenPaymentCompensated() {
        TestPayers.Payer victim = payers.withBalance(300_00);
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        PaymentOrder stolen = fixtures.paidOrder(merchant, victim, 120_00);
        String staff = users.staff(StaffRole.RISK).username();
        if (fund.balanceFen() < 120_00) {
            fixtures.payInCapital(120_00);
            fund.allocate(CareFixtures.unique(), 120_00, "staff:test");
        }
        WebDriver page = browser.driver();

        // 1. the phone is lost: freeze from the sign-in page, without signing in
        page.get(url("/wallet/login"));
        page.findElement(By.id("emergency-freeze-link")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("emergency-freeze")));
        page.findElement(By.id("mobile")).sendKeys(victim.user().mobile());
        page.findElement(By.id("idNumber")).sendKeys(payers.idNumberOf(victim));
        page.findElement(By.id("send-code")).click();
        String code = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-code")))
                .getText();
        page.findElement(By.id("smsCode")).sendKeys(code);
        page.findElement(By.id("freeze-now")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("freeze-done")));

        // 2. a payment is refused
        PaymentOrder order = prepay(merchant, 15_00);
        signInToWallet(victim);
        page.get(url("/wallet/cashier?prepay_id=" + order.prepayId()));
        page.findElement(By.id("paymentPassword")).sendKeys(TestPayers.PAY_PASSWORD);
        page.findElement(By.id("pay")).click();
        assertThat(browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-error")))
                .getText()).contains("Your wallet is frozen");
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);

        // 3. the user (with the phone back) re-verifies and asks to lift the freeze
        page.get(url("/wallet/freeze"));
        page.findElement(By.name("idNumber")).sendKeys(payers.idNumberOf(victim));
        page.findElement(By.id("request-unfreeze")).click();
        String unfreezeCode = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("sandbox-code"))).getText();
        page.findElement(By.cssSelector("form[action$='unfreeze-confirm'] input[name='smsCode']")).sendKeys(unfreezeCode);
        page.findElement(By.id("confirm-unfreeze")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("wallet-freeze"),
                "PENDING_APPROVAL"));

        // 4. staff approve it on the user's case
        signInToAdmin(staff);
        page.get(url("/admin/risk/cases?user=" + victim.id()));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[id^='case-']"))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("risk-case")));
        assertThat(page.findElement(By.id("wallet-state")).getText()).startsWith("FROZEN (EMERGENCY");
        page.findElement(By.cssSelector("button[id^='approve-']")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("wallet-state"), "active"));

        // 5. the user pays again, then claims the payment the thief made
        signInToWallet(victim);
        page.get(url("/wallet/cashier?prepay_id=" + order.prepayId()));
        page.findElement(By.id("paymentPassword")).sendKeys(TestPayers.PAY_PASSWORD);
        page.findElement(By.id("pay")).click();
        browser.waiting().until(driver -> orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()
                == TradeState.SUCCESS);
        page.get(url("/wallet/claims"));
        page.findElement(By.cssSelector("input[name='bill'][value='payment:" + stolen.transactionId() + "']")).click();
        page.findElement(By.id("claim-description")).sendKeys("My phone was stolen; I did not buy this.");
        page.findElement(By.id("file-claim")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("claim-state"), "SUBMITTED"));
        String claimPath = page.getCurrentUrl().substring(page.getCurrentUrl().indexOf("/wallet/claims/"));
        String claimId = claimPath.substring("/wallet/claims/".length());

        // 6. staff investigate and approve it
        signInToAdmin(staff);
        page.get(url("/admin/care/claims/" + claimId));
        page.findElement(By.id("investigate")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("claim-state"), "INVESTIGATING"));
        page.findElement(By.id("approve")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("claim-state"), "PAID"));

        // 7. the user sees the compensation
        signInToWallet(victim);
        page.get(url(claimPath));
        assertThat(page.findElement(By.id("claim-state")).getText()).isEqualTo("PAID");
        assertThat(page.findElement(By.id("claim-paid")).getText()).isEqualTo("120.00");
        page.get(url("/wallet"));
        // 300.00 - 120.00 stolen - 15.00 paid + 120.00 compensation
        assertThat(browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("balance"))).getText())
                .isEqualTo("285.00");
    }

    private void signInToWallet(TestPayers.Payer payer) {
        WebDriver page = browser.driver();
        page.get(url("/wallet/login"));
        page.manage().deleteAllCookies();
        page.get(url("/wallet/login"));
        page.findElement(By.id("mobile")).sendKeys(payer.user().mobile());
        page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-home")));
    }

    private void signInToAdmin(String username) {
        WebDriver page = browser.driver();
        page.get(url("/admin/login"));
        page.manage().deleteAllCookies();
        page.get(url("/admin/login"));
        page.findElement(By.id("username")).sendKeys(username);
        page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-home")));
    }

    private PaymentOrder prepay(TestMerchants.ApprovedMerchant merchant, long totalFen) {
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Headphones",
                "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
