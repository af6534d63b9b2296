package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.StatementFaults;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.reconciliation.ReconItem;
import io.lingqian.reconciliation.Reconciliation;
import io.lingqian.stats.StatsRollup;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.TopUp;
import io.lingqian.wallet.TopUps;

/**
 * Finance work in a real browser: the demo administrator opens the statistics dashboard (the charts
 * draw, and the page is photographed), reconciles a bank's day whose statement dropped a line,
 * resolves the difference with a reason, and finds it in the audit log.
 *
 * <p>The dashboard's screenshot goes to {@code lingqian-server/target/screenshots/dashboard.png}, so an
 * ordinary run (CI's included) leaves the working tree clean. To refresh the committed
 * {@code docs/screenshots/dashboard.png}, run this test with {@code -Dlingqian.screenshots.update=true}
 * and commit the new picture.
 */
@DemoEnvironmentTest
class OperationsJourneyTest {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    /** Asks the test to overwrite the committed screenshot in docs/ instead of writing one under target/. */
    private static final String UPDATE_SCREENSHOTS = "lingqian.screenshots.update";
    /** docs/ is at the repository's root; the tests run in lingqian-server/. */
    private static final Path DASHBOARD_SCREENSHOT = Boolean.getBoolean(UPDATE_SCREENSHOTS)
            ? Path.of("..", "docs", "screenshots", "dashboard.png")
            : Path.of("target", "screenshots", "dashboard.png");

    @RegisterExtension
    static ChromiumBrowser browser = new ChromiumBrowser();

    @LocalServerPort
    int port;

    @Autowired AdjustableClock clock;
    @Autowired TestPayers payers;
    @Autowired TopUps topUps;
    @Autowired StatementFaults faults;
    @Autowired Reconciliation reconciliation;
    @Autowired StatsRollup rollup;

    @Test
    void staffWatchTheDashboardReconcileADayResolveADifferenceAndFindItInTheAuditLog() throws Exception {
        WebDriver page = browser.driver();
        page.get(url("/admin"));
        signIn();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-home")));

        // A day at CGB whose statement dropped one top-up.
        ZonedDateTime now = clock.instant().atZone(CST);
        clock.advance(Duration.between(now, now.toLocalDate().plusDays(1).atTime(10, 0).atZone(CST)));
        LocalDate day = LocalDate.now(clock.withZone(CST));
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.CGB, CardType.DEBIT);
        TopUp dropped = topUps.topUp(payer.id(), card, 66_00, "t-" + UUID.randomUUID());
        faults.drop("topup-" + dropped.id());
        try {
            clock.advance(Duration.ofDays(1));
            rollup.fold();

            // The dashboard: each chart draws into a canvas of real size.
            page.get(url("/admin/statistics"));
            for (String chart : List.of("chart-volume", "chart-scene-share", "chart-users", "chart-money")) {
                browser.waiting().until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                        "const c = document.querySelector('#' + arguments[0] + ' canvas');"
                                + " return !!c && c.width > 0 && c.height > 0;", chart));
            }
            // The screenshot once every chart's entry animation is over (zrender reports it).
            browser.waiting().until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                    "return Array.from(document.querySelectorAll('.lq-chart')).every(function (el) {"
                            + " var c = echarts.getInstanceByDom(el); if (!c) { return true; }"
                            + " var a = c.getZr().animation; return typeof a.isFinished !== 'function' || a.isFinished(); });"));
            Files.createDirectories(DASHBOARD_SCREENSHOT.getParent());
            Files.copy(((TakesScreenshot) page).getScreenshotAs(OutputType.FILE).toPath(), DASHBOARD_SCREENSHOT,
                    StandardCopyOption.REPLACE_EXISTING);

            page.get(url("/admin/reconciliation"));
            new org.openqa.selenium.support.ui.Select(page.findElement(By.id("bank"))).selectByValue("CGB");
            ((JavascriptExecutor) page).executeScript("document.getElementById('day').value = arguments[0];",
                    day.toString());
            page.findElement(By.id("open-day")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("reconciliation-day")));
            assertThat(page.findElement(By.id("progress-text")).getText()).isEqualTo("Not run yet.");

            page.findElement(By.id("run-reconciliation")).click();
            // The run finishes, the page reloads with the summary and the dropped line under its class.
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("run-summary")));
            ReconItem item = reconciliation.report(PartnerBank.CGB, day).items().stream()
                    .filter(i -> i.key().equals("topup:" + dropped.id())).findFirst().orElseThrow();
            WebElement row = page.findElement(By.cssSelector("#class-MISSING_AT_BANK #item-" + item.id()));
            assertThat(row.getText()).contains("topup:" + dropped.id(), "66.00", "OPEN");
            assertThat(page.findElement(By.cssSelector("#recon-progress .progress-bar")).getText()).isEqualTo("100%");

            // Enter submits the item's form, wherever the row is on the page.
            row.findElement(By.name("reason")).sendKeys("Bank confirmed the top-up; statement reissue requested",
                    Keys.ENTER);
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
            assertThat(page.findElement(By.cssSelector("#item-" + item.id() + " .item-state")).getText())
                    .isEqualTo("RESOLVED");

            page.get(url("/admin/audit?kind=RECONCILIATION_RESOLVED"));
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-entries")));
            assertThat(page.findElement(By.id("audit-entries")).getText())
                    .contains("recon-item:" + item.id(), "statement reissue requested");
        } finally {
            faults.clear("topup-" + dropped.id());
        }
    }

    private void signIn() {
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        WebDriver page = browser.driver();
        page.findElement(By.id("username")).sendKeys("admin");
        page.findElement(By.id("password")).sendKeys(DemoEnvironmentTest.PASSWORD);
        page.findElement(By.id("sign-in")).click();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
