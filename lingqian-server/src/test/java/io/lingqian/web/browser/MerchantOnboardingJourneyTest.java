package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.bank.TestAccount;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.testing.DemoEnvironmentTest;

/**
 * One continuous journey: a merchant signs up in the portal and applies (its bank refuses an account
 * held by someone else), support staff review and approve it in the admin console, and the merchant
 * signs its contract, sees itself active with its mchid, sets its APIv3 key and downloads a
 * generated private key, once.
 */
@DemoEnvironmentTest
class MerchantOnboardingJourneyTest {

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

    @LocalServerPort
    int port;

    @Autowired MerchantAccounts accounts;
    @Autowired MerchantApplications applications;
    @Autowired MerchantCredentials credentials;

    @Test
    void aMerchantSignsUpAppliesIsApprovedGoesLiveAndGetsItsApiCredentials() throws IOException {
        WebDriver page = browser.driver();
        String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test";
        String legalName = "Journey Noodles Co., Ltd. " + email.substring(8, 16);

        page.get(url("/merchant/login"));
        page.findElement(By.id("sign-up-link")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("signup-page")));
        page.findElement(By.id("companyName")).sendKeys("Journey Noodles");
        page.findElement(By.id("email")).sendKeys(email);
        page.findElement(By.id("displayName")).sendKeys("Journey Owner");
        page.findElement(By.id("password")).sendKeys(DemoEnvironmentTest.PASSWORD);
        page.findElement(By.id("sign-up")).click();
        browser.waiting().until(ExpectedConditions.urlContains("signedUp"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-up")));
        page.findElement(By.id("email")).sendKeys(email);
        page.findElement(By.id("password")).sendKeys(DemoEnvironmentTest.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("continue-application"))).click();

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("application-page")));
        type("legalName", legalName);
        type("shortName", "Journey Noodles");
        type("contactName", "Wang Wu");
        type("contactPhone", "13700000000");
        type("contactEmail", email);
        new Select(page.findElement(By.id("category"))).selectByValue("CATERING");
        type("licenceNumber", "91440300MA5ABCDE1X");
        type("legalRepresentative", "Wang Wu");
        type("siteUrl", "https://noodles.example.cn");
        new Select(page.findElement(By.id("bankName"))).selectByValue("CMB");
        type("bankAccountName", legalName);
        type("bankAccountNumber", "6214 8300 0000 0001");
        click("submit-application");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("licenceNumber-error")));
        assertThat(page.findElement(By.id("application-state")).getText()).isEqualTo("DRAFT");

        type("licenceNumber", "91440300MA5ABCDE1H");
        type("bankAccountNumber", TestAccount.NAME_MISMATCH.example());
        click("submit-application");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("bankAccountNumber-error")));
        assertThat(page.findElement(By.id("bankAccountNumber-error")).getText()).contains("holder name");
        assertThat(page.findElement(By.id("application-state")).getText()).isEqualTo("DRAFT");

        type("bankAccountNumber", "6214 8300 0000 0001");
        click("submit-application");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("application-state"), "SUBMITTED"));

        long merchantId = accounts.merchantOfPortalUser(accounts.signInAccount(email).orElseThrow().id())
                .orElseThrow().id();
        long applicationId = applications.ofMerchant(merchantId).orElseThrow().id();

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
        String mchid = page.findElement(By.id("merchant-mchid")).getText();
        assertThat(mchid).matches("\\d{10}");

        page.get(url("/merchant/application"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-contract"))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("active-notice")));
        assertThat(page.findElement(By.id("application-state")).getText()).isEqualTo("ACTIVE");

        page.get(url("/merchant"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-home")));
        assertThat(page.findElement(By.id("mchid")).getText()).isEqualTo(mchid);

        Path downloads = Files.createTempDirectory("lingqian-downloads-");
        // Headless Chromium saves downloads only where it is told to.
        ((ChromeDriver) page).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-credentials"))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("apiV3Key")));
        String key = page.findElement(By.id("apiV3Key")).getDomProperty("value");
        click("set-api-key");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-api-key-value")));
        assertThat(page.findElement(By.id("new-api-key-value")).getText()).isEqualTo(key);
        assertThat(credentials.apiV3Key(merchantId)).contains(key);

        click("generate-certificate");
        WebElement download = browser.waiting().until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".download-private-key")));
        ((JavascriptExecutor) page).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", download);
        download.click();
        Path privateKey = downloads.resolve("apiclient_key.pem");
        browser.waiting().until(driver -> Files.exists(privateKey) && size(privateKey) > 0);
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");

        // Shown once: the key is gone from the next page, and so is the download.
        page.get(url("/merchant/credentials"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("certificates")));
        assertThat(page.getPageSource()).doesNotContain(key);
        assertThat(page.findElements(By.cssSelector(".download-private-key"))).isEmpty();
        assertThat(page.findElement(By.id("certificates")).getText())
                .contains(credentials.certificates(merchantId).get(0).serialNo());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException stillBeingWritten) {
            return 0;
        }
    }

    /** Scrolls the element into view first (at once: Bootstrap makes scrolling smooth): the form is longer than the window. */
    private void click(String id) {
        var element = browser.driver().findElement(By.id(id));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
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
