package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.testing.DemoEnvironmentTest;

/**
 * The three consoles in a real browser, signed in as the demo users: what a visitor of a fresh
 * install does first.
 */
@DemoEnvironmentTest
class ConsoleJourneyTest {

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

    @LocalServerPort
    int port;

    @Test
    void staffSignInToTheAdminConsoleAndSeeTheChart() {
        WebDriver page = browser.driver();
        page.get(url("/admin"));
        signIn("username", "admin");

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-home")));
        assertThat(page.findElement(By.id("signed-in-user")).getText()).isEqualTo("Demo Administrator");
        // ECharts has drawn into the container: it adds its own canvas (or svg) element.
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#home-chart canvas, #home-chart svg")));

        // The clock card posts through htmx with the CSRF header and is swapped in place.
        String before = page.findElement(By.id("clock-now")).getText();
        page.findElement(By.id("advance-clock")).click();
        browser.waiting().until(driver -> !driver.findElement(By.id("clock-now")).getText().equals(before));
    }

    @Test
    void aWalletUserSignsInAndSeesTheirQrCode() {
        WebDriver page = browser.driver();
        page.get(url("/wallet"));
        signIn("mobile", "13800000001");

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-home")));
        assertThat(page.findElement(By.id("signed-in-user")).getText()).isEqualTo("Li Lei");
        browser.waiting().until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                "const img = document.getElementById('receive-qr'); return img.complete && img.naturalWidth > 0;"));
    }

    @Test
    void theMerchantSignsInToThePortal() {
        WebDriver page = browser.driver();
        page.get(url("/merchant"));
        signIn("email", "demo@merchant.lingqian.test");

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-home")));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Lingqian Demo Coffee");
        assertThat(page.findElement(By.id("mchid")).getText()).isEqualTo("1900000001");
    }

    @Test
    void aWrongPasswordShowsTheError() {
        WebDriver page = browser.driver();
        page.get(url("/wallet/login"));
        page.findElement(By.id("mobile")).sendKeys("13800000001");
        page.findElement(By.id("password")).sendKeys("not-the-password");
        page.findElement(By.id("sign-in")).click();

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(page.findElement(By.id("login-error")).getText()).isEqualTo("Wrong mobile number or password");
    }

    @Test
    void aWalletSignInDoesNotOpenTheAdminConsole() {
        WebDriver page = browser.driver();
        page.get(url("/wallet"));
        signIn("mobile", "13800000002");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-home")));

        page.get(url("/admin"));
        browser.waiting().until(ExpectedConditions.urlToBe(url("/admin/login")));
        assertThat(page.findElements(By.id("admin-home"))).isEmpty();
    }

    private void signIn(String loginField, String login) {
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(loginField)));
        WebDriver page = browser.driver();
        page.findElement(By.id(loginField)).sendKeys(login);
        page.findElement(By.id("password")).sendKeys(DemoEnvironmentTest.PASSWORD);
        page.findElement(By.id("sign-in")).click();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
