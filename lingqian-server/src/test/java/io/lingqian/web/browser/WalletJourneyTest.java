package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.ResidentId;

/**
 * A new person in the wallet console, in a phone-sized Chromium: registers, verifies their real name
 * by binding a card (with the sandbox's SMS code), sets a payment password, tops up, sees the payment
 * code, withdraws beyond the free quota and sees the fee.
 */
@DemoEnvironmentTest
class WalletJourneyTest {

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

    @LocalServerPort
    int port;

    @Test
    void aNewUserRegistersVerifiesTopsUpShowsThePaymentCodeAndWithdrawsWithTheFee() throws IOException {
        WebDriver page = browser.driver();
        page.manage().window().setSize(new org.openqa.selenium.Dimension(400, 860));
        String mobile = "1" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));

        page.get(url("/wallet/login"));
        page.findElement(By.id("register-link")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-register")));
        page.findElement(By.id("mobile")).sendKeys(mobile);
        page.findElement(By.id("displayName")).sendKeys("Wang Fang");
        page.findElement(By.id("password")).sendKeys("journey password");
        page.findElement(By.id("register")).click();

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        page.findElement(By.id("mobile")).sendKeys(mobile);
        page.findElement(By.id("password")).sendKeys("journey password");
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-home")));
        assertThat(page.findElement(By.id("verification-state")).getText()).isEqualTo("not verified");
        assertThat(page.findElement(By.id("balance")).getText()).isEqualTo("0.00");

        // verify the real name with a card: name, ID number, card, reserved phone, then the SMS code
        page.findElement(By.id("go-cards")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("bind-form")));
        String card = TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.CMB, CardType.DEBIT, new Random());
        page.findElement(By.id("name")).sendKeys("王芳");
        page.findElement(By.id("idNumber")).sendKeys(residentId());
        page.findElement(By.id("cardNumber")).sendKeys(card);
        page.findElement(By.id("phone")).sendKeys("13912345678");
        page.findElement(By.id("bind")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-sms-code")));
        String code = page.findElement(By.id("sandbox-sms-code")).getText();
        page.findElement(By.id("smsCode")).sendKeys(code);
        page.findElement(By.id("confirm")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("card-list")));
        assertThat(page.findElement(By.id("flash-message")).getText()).contains(card.substring(card.length() - 4));
        assertThat(page.findElement(By.id("card-list")).getText()).contains("•••• " + card.substring(card.length() - 4))
                .doesNotContain(card);
        assertThat(page.findElement(By.id("account-class")).getText()).isEqualTo("I");
        snap("wallet-cards");

        // payment password
        page.findElement(By.id("nav-security")).click();
        page.findElement(By.id("newPassword")).sendKeys("284619");
        page.findElement(By.id("set-password")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("password-state"), "Set."));

        // top up 2,000.00
        page.get(url("/wallet/topup"));
        page.findElement(By.id("amount")).sendKeys("2000");
        page.findElement(By.id("topup")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash-message"),
                "Topped up 2,000.00 CNY."));
        assertThat(page.findElement(By.id("balance")).getText()).isEqualTo("2,000.00");

        // the payment code: 18 digits from 10-15, drawn as barcode and QR
        page.findElement(By.id("nav-pay")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("pay-code-digits")));
        assertThat(page.findElement(By.id("pay-code-digits")).getText().replace(" ", "")).matches("1[0-5]\\d{16}");
        browser.waiting().until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                "const b = document.getElementById('pay-barcode'), q = document.getElementById('pay-qr');"
                        + " return b.complete && b.naturalWidth > 0 && q.complete && q.naturalWidth > 0;"));
        snap("wallet-pay");

        // withdraw 1,500.00: 1,000.00 free, 0.1 % of 500.00 = 0.50 on top
        page.get(url("/wallet/withdraw"));
        page.findElement(By.id("amount")).sendKeys("1500");
        page.findElement(By.id("preview")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-fee")));
        assertThat(page.findElement(By.id("preview-fee")).getText()).isEqualTo("0.50");
        assertThat(page.findElement(By.id("preview-free")).getText()).isEqualTo("1,000.00");
        assertThat(page.findElement(By.id("preview-total")).getText()).isEqualTo("1,500.50");
        assertThat(page.findElement(By.id("preview-quota-left")).getText()).isEqualTo("0.00");
        snap("wallet-withdraw-confirm");
        page.findElement(By.id("paymentPassword")).sendKeys("284619");
        page.findElement(By.id("withdraw")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash-message"),
                "Withdrew 1,500.00 CNY (fee 0.50 CNY)."));
        assertThat(page.findElement(By.id("balance")).getText()).isEqualTo("499.50");

        page.findElement(By.id("nav-bills")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-list")));
        String bills = page.findElement(By.id("bill-list")).getText();
        assertThat(bills).contains("-1,500.00").contains("fee 0.50").contains("+2,000.00");
        snap("wallet-bills");
        new Select(page.findElement(By.name("kind"))).selectByValue("WITHDRAWAL");
        page.findElement(By.cssSelector("#wallet-bills form button")).click();
        browser.waiting().until(driver -> !driver.findElement(By.id("bill-list")).getText().contains("+2,000.00"));
        page.findElement(By.cssSelector("#bill-list a")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("bill-fee")));
        assertThat(page.findElement(By.id("bill-fee")).getText()).isEqualTo("0.50");
        assertThat(page.findElement(By.id("bill-status")).getText()).isEqualTo("succeeded");
    }

    private static String residentId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(r.nextInt(15_000));
        String first = "310104" + birth.toString().replace("-", "") + String.format("%03d", r.nextInt(1000));
        return first + ResidentId.checkCharacter(first);
    }

    /** Keeps a picture of the page for the docs and for people reviewing the run. */
    private static void snap(String name) throws IOException {
        if (browser.driver() instanceof TakesScreenshot camera) {
            Files.createDirectories(ChromiumBrowser.SCREENSHOTS);
            Files.copy(camera.getScreenshotAs(OutputType.FILE).toPath(), ChromiumBrowser.SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
