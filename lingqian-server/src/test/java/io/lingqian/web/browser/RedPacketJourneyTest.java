package io.lingqian.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.social.SocialFixtures;
import io.lingqian.social.SocialJobs;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.Yuan;

/**
 * The issue's journey: a user makes a group of three friends in the console and sends it a lucky red
 * packet of four shares; the three open it in their own browser sessions; the sender sees who got
 * what; a day later (the clock moved, the jobs run by hand) the sender sees the fourth share refunded.
 */
@DemoEnvironmentTest
class RedPacketJourneyTest {

    /** The sender's browser, signed in throughout. */
    @RegisterExtension
    static ChromiumBrowser sender = new ChromiumBrowser();

    /** The members' browser: each member signs in with a fresh cookie jar. */
    @RegisterExtension
    static ChromiumBrowser members = new ChromiumBrowser();

    @LocalServerPort
    int port;

    @Autowired SocialFixtures people;
    @Autowired AdjustableClock clock;
    @Autowired LedgerJobs ledgerJobs;
    @Autowired SocialJobs socialJobs;

    @Test
    void aLuckyPacketToAGroupIsOpenedByThreeMembersAndTheRestIsRefundedAfterADay() {
        WalletUser li = people.payer(1_000_00);
        List<WalletUser> friends = List.of(people.user(), people.user(), people.user());

        WebDriver page = sender.driver();
        page.manage().window().setSize(new org.openqa.selenium.Dimension(400, 860));
        signIn(sender, li);
        click(page, page.findElement(By.id("go-friends")));
        for (WalletUser f : friends) {
            sender.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-mobile")));
            page.findElement(By.id("contact-mobile")).sendKeys(f.mobile());
            click(page, page.findElement(By.id("add-contact")));
            sender.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash-message"),
                    "is a contact now"));
        }
        page.findElement(By.id("group-name")).sendKeys("Roommates");
        for (WalletUser f : friends) {
            click(page, page.findElement(By.id("member-" + f.id())));
        }
        click(page, page.findElement(By.id("create-group")));
        sender.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("member-list")));
        assertThat(page.findElement(By.id("member-list")).findElements(By.tagName("li"))).hasSize(4);

        click(page, page.findElement(By.id("group-red-packet")));
        sender.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("packet-form")));
        assertThat(page.findElement(By.id("kind")).getAttribute("value")).isEqualTo("LUCKY");
        page.findElement(By.id("amount")).sendKeys("10.00");
        page.findElement(By.id("shares")).clear();
        page.findElement(By.id("shares")).sendKeys("4");
        page.findElement(By.id("greeting")).sendKeys("Happy New Year");
        page.findElement(By.id("paymentPassword")).sendKeys(SocialFixtures.PAY_PASSWORD);
        click(page, page.findElement(By.id("send-packet")));
        sender.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("packet-status")));
        assertThat(page.findElement(By.id("packet-status")).getText()).isEqualTo("4 of 4 left");
        String seedHash = page.findElement(By.id("seed-hash")).getAttribute("textContent");
        String packetUrl = page.getCurrentUrl();
        long packetId = Long.parseLong(packetUrl.substring(packetUrl.lastIndexOf('/') + 1));

        // each friend, in their own session, finds the packet and opens it
        Map<String, String> got = new LinkedHashMap<>();
        for (WalletUser f : friends) {
            WebDriver phone = members.driver();
            phone.manage().deleteAllCookies();
            signIn(members, f);
            phone.get(url("/wallet/red-packets"));
            members.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox-" + packetId)));
            click(phone, phone.findElement(By.cssSelector("#inbox-" + packetId + " .open-packet")));
            members.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("my-share")));
            assertThat(phone.findElement(By.id("flash-message")).getText()).startsWith("You got ");
            got.put(f.displayName() + "#" + f.id(), phone.findElement(By.id("my-share")).getText());
            assertThat(phone.findElements(By.id("open-packet"))).isEmpty();
        }
        long openedFen = got.values().stream().mapToLong(v -> Yuan.parse(v).orElseThrow()).sum();
        assertThat(openedFen).isBetween(3L, 10_00L - 1);

        // the sender sees who got what
        page.navigate().refresh();
        sender.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("packet-status"), "1 of 4 left"));
        List<String> amounts = new ArrayList<>();
        for (WebElement row : page.findElements(By.cssSelector("#share-list li"))) {
            amounts.add(row.findElement(By.className("share-amount")).getText());
        }
        assertThat(amounts).containsExactlyElementsOf(got.values());
        assertThat(page.findElements(By.className("best-luck"))).isEmpty();

        // a day later, the ledger's and the social jobs run, and the remainder is back
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        ledgerJobs.voidExpiredHolds();
        socialJobs.run();
        page.navigate().refresh();
        String refund = Yuan.format(10_00 - openedFen);
        sender.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("packet-status"),
                "expired, " + refund + " CNY returned to the sender"));
        assertThat(page.findElement(By.id("packet-refunded")).getText()).startsWith(refund + " CNY returned");
        assertThat(page.findElements(By.className("best-luck"))).hasSize(1);
        assertThat(page.findElement(By.id("seed-hash")).getAttribute("textContent")).isEqualTo(seedHash);
        assertThat(page.findElement(By.id("seed")).getAttribute("textContent")).hasSize(64);

        page.get(url("/wallet"));
        assertThat(page.findElement(By.id("balance")).getText())
                .isEqualTo(Yuan.format(1_000_00 - openedFen));
        click(page, page.findElement(By.id("go-red-packets")));
        sender.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sent-packets")));
        assertThat(page.findElement(By.id("sent-packets")).getText()).contains("Roommates").contains("expired");
    }

    private void signIn(ChromiumBrowser browser, WalletUser user) {
        WebDriver page = browser.driver();
        page.get(url("/wallet/login"));
        page.findElement(By.id("mobile")).sendKeys(user.mobile());
        page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        click(page, page.findElement(By.id("sign-in")));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-home")));
    }

    /** Scrolled to the middle at once (Bootstrap scrolls smoothly), so the phone's tab bar never covers it. */
    private static void click(WebDriver page, WebElement element) {
        ((JavascriptExecutor) page).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.click();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
