package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.credentials.TestMerchants.ApprovedMerchant;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;

/** A merchant gets working API credentials in a real browser: sets its APIv3 key, generates and downloads a private key. */
@DemoEnvironmentTest
class CredentialsJourneyTest {

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

    @LocalServerPort
    int port;

    @Autowired
    TestMerchants merchants;

    @Autowired
    MerchantCredentials credentials;

    @Test
    void aMerchantSetsItsApiV3KeyAndDownloadsAGeneratedPrivateKeyOnce() throws IOException {
        ApprovedMerchant shop = merchants.approved();
        Path downloads = Files.createTempDirectory("lingqian-downloads-");
        WebDriver page = browser.driver();
        // Headless Chromium saves downloads only where it is told to.
        ((ChromeDriver) page).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));

        page.get(url("/merchant/login"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        page.findElement(By.id("email")).sendKeys(shop.user().email());
        page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        page.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-credentials"))).click();

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("apiV3Key")));
        String key = page.findElement(By.id("apiV3Key")).getDomProperty("value");
        click(By.id("set-api-key"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-api-key-value")));
        assertThat(page.findElement(By.id("new-api-key-value")).getText()).isEqualTo(key);
        assertThat(credentials.apiV3Key(shop.id())).contains(key);

        click(By.id("generate-certificate"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".download-private-key")));
        click(By.cssSelector(".download-private-key"));
        Path privateKey = downloads.resolve("apiclient_key.pem");
        browser.waiting().until(driver -> Files.exists(privateKey) && size(privateKey) > 0);
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");

        // Shown once: the key is gone from the next page, and so is the download.
        page.get(url("/merchant/credentials"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("certificates")));
        assertThat(page.getPageSource()).doesNotContain(key);
        assertThat(page.findElements(By.cssSelector(".download-private-key"))).isEmpty();
        assertThat(page.findElement(By.id("certificates")).getText())
                .contains(credentials.certificates(shop.id()).get(0).serialNo());
    }

    /** Scrolls the element to the middle of the window first, clear of anything at the edges. */
    private void click(By locator) {
        WebElement element = browser.waiting().until(ExpectedConditions.elementToBeClickable(locator));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        browser.waiting().until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException stillBeingWritten) {
            return 0;
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
