package io.lingqian.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.PlatformAccount;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.marketing.Coupon;
import io.lingqian.marketing.CouponStatus;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.Coupons;
import io.lingqian.marketing.NewStock;
import io.lingqian.marketing.StockFunding;
import io.lingqian.marketing.StockStatus;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * The coupon pages of the three consoles: the portal's stock form with its field errors and a stock's
 * budget page, the wallet's Coupons tab and claim link with their refusals, the admin's platform-funded
 * stocks with the ledger behind them, and who may see what: a merchant only its own stocks, a user only
 * their own coupons, only FINANCE or ADMIN staff the platform's stocks.
 */
@ServerTest
class CouponConsolesTests {

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]{32})\"");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    TestMerchants merchants;
    @Autowired
    TestPayers payers;
    @Autowired
    TestUsers users;
    @Autowired
    MerchantApps apps;
    @Autowired
    PaymentOrders orders;
    @Autowired
    Cashier cashier;
    @Autowired
    CouponStocks stocks;
    @Autowired
    Coupons coupons;
    @Autowired
    Ledger ledger;
    @Autowired
    AdjustableClock clock;

    @Test
    void theStockFormPutsEachMistakeNextToItsFieldAndCreatesNothing() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        MockHttpSession portal = merchantSession(shop.user().email());
        String token = token(mvc.perform(get("/merchant/marketing").session(portal)).andReturn().getResponse()
                .getContentAsString());
        LocalDate today = today();

        mvc.perform(post("/merchant/marketing/stocks").session(portal).with(csrf()).param("token", token)
                        .param("name", "A name far too long").param("amount", "600").param("minimum", "")
                        .param("count", "0").param("perUser", "61").param("begin", today.toString())
                        .param("end", today.minusDays(1).toString()).param("funding", "PLATFORM"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Give the stock a name of 1 to 9 characters.")))
                .andExpect(content().string(Matchers.containsString("A coupon is worth 1.00 to 500.00 yuan.")))
                .andExpect(content().string(Matchers.containsString("How many coupons: 1 to 1,000,000,000.")))
                .andExpect(content().string(Matchers.containsString("Coupons per user: 1 to 60.")))
                .andExpect(content().string(Matchers.containsString("The last day is in the past.")))
                .andExpect(content().string(Matchers.containsString("Choose who pays for the coupons.")))
                .andExpect(content().string(Matchers.containsString("value=\"A name far too long\"")));
        mvc.perform(post("/merchant/marketing/stocks").session(portal).with(csrf()).param("token", token)
                        .param("name", "Tea").param("amount", "5.00").param("minimum", "3.00").param("count", "10")
                        .param("dailyBudget", "100.00").param("perUser", "1").param("begin", today.toString())
                        .param("end", today.plusDays(120).toString()).param("funding", "MERCHANT"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("The threshold must be above the coupon&#39;s value")))
                .andExpect(content().string(Matchers.containsString("between one coupon (5.00) and the whole budget (50.00)")))
                .andExpect(content().string(Matchers.containsString("A stock runs at most 90 days.")));
        assertThat(stocks.count(CouponStocks.Creator.merchant(shop.id(), shop.mchid()), null)).isZero();
    }

    @Test
    void aStockPageShowsItsBudgetDayByDayAndAnotherMerchantCannotSeeOrTouchIt() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        CouponStocks.Creator creator = CouponStocks.Creator.merchant(shop.id(), shop.mchid());
        MockHttpSession portal = merchantSession(shop.user().email());
        String token = token(mvc.perform(get("/merchant/marketing").session(portal)).andReturn().getResponse()
                .getContentAsString());
        LocalDate today = today();
        mvc.perform(post("/merchant/marketing/stocks").session(portal).with(csrf()).param("token", token)
                .param("name", "Latte").param("comment", "weekday").param("amount", "4.00").param("minimum", "20.00")
                .param("count", "5").param("dailyBudget", "8.00").param("perUser", "2")
                .param("begin", today.toString()).param("end", today.plusDays(6).toString())
                .param("funding", "MERCHANT").param("goodsTags", "drinks").param("stackable", "true"));
        CouponStock stock = stocks.list(creator, null, 0, 10).get(0);
        assertThat(stock.maxAmountByDayFen()).isEqualTo(8_00);
        assertThat(stock.maxAmountFen()).isEqualTo(20_00);
        assertThat(stock.goodsTags()).containsExactly("drinks");
        assertThat(stock.combineUse()).isTrue();
        assertThat(stock.availableEnd()).isEqualTo(today.plusDays(7).atStartOfDay(CHINA).toInstant());
        mvc.perform(post("/merchant/marketing/stocks/" + stock.stockId() + "/start").session(portal).with(csrf()));

        // Two users claim one each (8.00, the daily budget); a third is refused for today.
        TestPayers.Payer first = payers.withBalance(100_00);
        TestPayers.Payer second = payers.withBalance(100_00);
        TestPayers.Payer third = payers.withBalance(100_00);
        claim(first, stock.stockId()).andExpect(redirectedUrl("/wallet/coupons"));
        claim(second, stock.stockId()).andExpect(redirectedUrl("/wallet/coupons"));
        MockHttpSession thirdWallet = walletSession(third.user().mobile());
        claim(thirdWallet, stock.stockId());
        mvc.perform(get("/wallet/coupons/claim/" + stock.stockId()).session(thirdWallet))
                .andExpect(content().string(Matchers.containsString(
                        "Today&#39;s coupons have all been claimed; try again tomorrow.")));
        assertThat(coupons.ofUser(third.id(), stock.stockId(), null, 0, 10)).isEmpty();

        String page = mvc.perform(get("/merchant/marketing/stocks/" + stock.stockId()).session(portal))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"budget-issued\">8.00 (2 coupons)", "id=\"budget-redeemed\">0.00 (0 coupons)",
                "id=\"budget-remaining\">12.00 (3 coupons)", "id=\"day-" + today + "\"",
                "/wallet/coupons/claim/" + stock.stockId());
        mvc.perform(get("/merchant/marketing/stocks/" + stock.stockId() + "/claim-qr.png").session(portal))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"));

        TestMerchants.ApprovedMerchant other = merchants.approved();
        MockHttpSession otherPortal = merchantSession(other.user().email());
        mvc.perform(get("/merchant/marketing/stocks/" + stock.stockId()).session(otherPortal))
                .andExpect(status().isNotFound());
        mvc.perform(get("/merchant/marketing/stocks/" + stock.stockId() + "/claim-qr.png").session(otherPortal))
                .andExpect(status().isNotFound());
        for (String action : List.of("pause", "stop")) {
            mvc.perform(post("/merchant/marketing/stocks/" + stock.stockId() + "/" + action).session(otherPortal)
                    .with(csrf())).andExpect(status().isNotFound());
        }
        mvc.perform(get("/merchant/marketing").session(otherPortal))
                .andExpect(content().string(Matchers.not(Matchers.containsString(stock.stockId()))));
        assertThat(stocks.stock(creator, stock.stockId()).status()).isEqualTo(StockStatus.ACTIVE);
    }

    @Test
    void theCouponsTabGroupsAUsersOwnCouponsAndShowsNobodyElses() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        CouponStocks.Creator creator = CouponStocks.Creator.merchant(shop.id(), shop.mchid());
        CouponStock big = started(creator, stock("Big10", 10_00, 50_00, 2));
        CouponStock small = started(creator, stock("Small3", 3_00, 0, 2));
        TestPayers.Payer payer = payers.withBalance(100_00);
        TestPayers.Payer stranger = payers.withBalance(100_00);
        Coupon bigCoupon = coupons.send(creator, big.stockId(), payer.id(), "s-" + UUID.randomUUID(), null);
        Coupon smallCoupon = coupons.send(creator, small.stockId(), payer.id(), "s-" + UUID.randomUUID(), null);
        Coupon strangers = coupons.send(creator, small.stockId(), stranger.id(), "s-" + UUID.randomUUID(), null);

        // 20.00 does not reach Big10's threshold: Small3 is the only, hence the best, coupon.
        String appid = apps.register(shop.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        PaymentOrder order = order(shop, appid, 20_00);
        mvc.perform(get("/wallet/cashier").param("prepay_id", order.prepayId()).session(walletSession(payer.user().mobile())))
                .andExpect(content().string(Matchers.containsString("The best for this payment (Small3 −¥3.00)")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Big10"))));
        assertThat(cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, null,
                PaymentHook.CouponChoice.BEST).payerTotalFen()).isEqualTo(17_00);

        String tab = mvc.perform(get("/wallet/coupons").session(walletSession(payer.user().mobile())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tab).contains("Available (1)", "Used (1)", "Expired (0)", "id=\"coupon-" + bigCoupon.couponId() + "\"",
                "id=\"coupon-" + smallCoupon.couponId() + "\"", "Orders from ¥50.00", "Big10", "Small3")
                .doesNotContain(strangers.couponId());
        assertThat(tab.indexOf("coupon-" + smallCoupon.couponId())).as("the used coupon is listed under Used")
                .isGreaterThan(tab.indexOf("Used (1)"));

        // Past the window, the unused coupon is shown as expired (even before the expiry job ran).
        clock.advance(Duration.ofDays(31));
        assertThat(mvc.perform(get("/wallet/coupons").session(walletSession(payer.user().mobile())))
                .andReturn().getResponse().getContentAsString()).contains("Available (0)", "Used (1)", "Expired (1)");
    }

    @Test
    void theSceneCashierOffersTheCouponAndNoCouponKeepsIt() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        CouponStocks.Creator creator = CouponStocks.Creator.merchant(shop.id(), shop.mchid());
        CouponStock stock = started(creator, stock("Scene4", 4_00, 0, 1));
        TestPayers.Payer payer = payers.withBalance(50_00);
        Coupon coupon = coupons.send(creator, stock.stockId(), payer.id(), "s-" + UUID.randomUUID(), null);
        String appid = apps.register(shop.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        PaymentOrder order = order(shop, appid, 12_00);
        MockHttpSession wallet = walletSession(payer.user().mobile());

        mvc.perform(get("/wallet/h5").param("prepay_id", order.prepayId()).session(wallet))
                .andExpect(content().string(Matchers.containsString("The best for this payment (Scene4 −¥4.00)")))
                .andExpect(content().string(Matchers.containsString("<option value=\"none\">No coupon</option>")));
        mvc.perform(post("/wallet/scene/pay").session(wallet).with(csrf()).param("scene", "H5")
                        .param("prepayId", order.prepayId()).param("paymentPassword", TestPayers.PAY_PASSWORD)
                        .param("couponId", "none"))
                .andExpect(content().string(Matchers.containsString("Paid ¥12.00")));
        assertThat(coupons.coupon(payer.id(), coupon.couponId()).status()).isEqualTo(CouponStatus.SENDED);
    }

    @Test
    void theClaimLinkSaysWhyItGivesNothingAndThePerUserCapHolds() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        CouponStocks.Creator creator = CouponStocks.Creator.merchant(shop.id(), shop.mchid());
        CouponStock stock = started(creator, stock("Cap1", 2_00, 0, 1));
        TestPayers.Payer payer = payers.withBalance(10_00);
        MockHttpSession wallet = walletSession(payer.user().mobile());

        claim(wallet, stock.stockId()).andExpect(redirectedUrl("/wallet/coupons"));
        mvc.perform(get("/wallet/coupons").session(wallet))
                .andExpect(content().string(Matchers.containsString("Coupon added to your wallet: ¥2.00 off at Cap1.")));
        // A second claim with a fresh page: the cap of one per person.
        mvc.perform(get("/wallet/coupons/claim/" + stock.stockId()).session(wallet))
                .andExpect(content().string(Matchers.containsString("You already have this coupon.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"claim\""))));
        claim(wallet, stock.stockId()).andExpect(redirectedUrl("/wallet/coupons/claim/" + stock.stockId()));
        assertThat(coupons.ofUser(payer.id(), stock.stockId(), null, 0, 10)).hasSize(1);

        stocks.pause(creator, stock.stockId());
        TestPayers.Payer late = payers.withBalance(10_00);
        MockHttpSession lateWallet = walletSession(late.user().mobile());
        mvc.perform(get("/wallet/coupons/claim/" + stock.stockId()).session(lateWallet))
                .andExpect(content().string(Matchers.containsString("This campaign is paused; try again later.")));
        claim(lateWallet, stock.stockId());
        mvc.perform(get("/wallet/coupons/claim/" + stock.stockId()).session(lateWallet))
                .andExpect(content().string(Matchers.containsString("This campaign is not giving out coupons now.")));
        assertThat(coupons.ofUser(late.id(), stock.stockId(), null, 0, 10)).isEmpty();
        mvc.perform(get("/wallet/coupons/claim/99999999999").session(lateWallet)).andExpect(status().isNotFound());
    }

    @Test
    void financeRunsPlatformStocksOnTheLedgerAndOtherStaffCannot() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        for (StaffRole role : List.of(StaffRole.SUPPORT, StaffRole.RISK)) {
            MockHttpSession session = staffSession(users.staff(role));
            mvc.perform(get("/admin/marketing/stocks").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/marketing/stocks").session(session).with(csrf())
                    .param("token", "0".repeat(32)).param("name", "Nope")).andExpect(status().isForbidden());
        }
        MockHttpSession finance = staffSession(users.staff(StaffRole.FINANCE));
        String page = mvc.perform(get("/admin/marketing/stocks").session(finance)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        LocalDate today = today();
        mvc.perform(post("/admin/marketing/stocks").session(finance).with(csrf()).param("token", token(page))
                        .param("name", "Platform").param("amount", "5.00").param("count", "4").param("perUser", "1")
                        .param("begin", today.toString()).param("end", today.plusDays(9).toString())
                        .param("funding", "PLATFORM").param("merchants", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("a platform stock must name its available merchants")));
        String name = "P" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/admin/marketing/stocks").session(finance).with(csrf()).param("token", token(page))
                        .param("name", name).param("amount", "5.00").param("count", "4").param("perUser", "1")
                        .param("begin", today.toString()).param("end", today.plusDays(9).toString())
                        .param("funding", "PLATFORM").param("merchants", shop.mchid()))
                .andExpect(redirectedUrl("/admin/marketing/stocks"));
        CouponStock stock = stocks.list(CouponStocks.Creator.PLATFORM, null, 0, 100).stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        assertThat(stock.funding()).isEqualTo(StockFunding.PLATFORM);

        MockHttpSession support = staffSession(users.staff(StaffRole.SUPPORT));
        mvc.perform(post("/admin/marketing/stocks/" + stock.stockId() + "/start").session(support).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(stocks.stock(CouponStocks.Creator.PLATFORM, stock.stockId()).status()).isEqualTo(StockStatus.CREATED);

        // Activate: the 20.00 budget moves from operator capital into the stock's own account.
        mvc.perform(post("/admin/marketing/stocks/" + stock.stockId() + "/start").session(finance).with(csrf()))
                .andExpect(redirectedUrl("/admin/marketing/stocks"));
        CouponStock active = stocks.stock(CouponStocks.Creator.PLATFORM, stock.stockId());
        assertThat(active.status()).isEqualTo(StockStatus.ACTIVE);
        assertThat(balance(active.fundingAccountId())).isEqualTo(20_00);
        assertThat(ledger.transfer(CouponStocks.reference(active) + ":fund")).map(t -> t.amount()).contains(20_00L);
        mvc.perform(get("/admin/marketing/stocks").session(finance))
                .andExpect(content().string(Matchers.containsString("<td class=\"funded\">20.00</td>")));

        // A merchant's portal never shows the platform's stock.
        mvc.perform(get("/merchant/marketing/stocks/" + stock.stockId()).session(merchantSession(shop.user().email())))
                .andExpect(status().isNotFound());

        // One coupon is sent; stop returns the 15.00 never sent, the sent 5.00 stays for its coupon.
        TestPayers.Payer payer = payers.withBalance(10_00);
        coupons.send(CouponStocks.Creator.PLATFORM, stock.stockId(), payer.id(), "p-" + UUID.randomUUID(), null);
        mvc.perform(post("/admin/marketing/stocks/" + stock.stockId() + "/stop").session(finance).with(csrf()))
                .andExpect(redirectedUrl("/admin/marketing/stocks"));
        assertThat(stocks.stock(CouponStocks.Creator.PLATFORM, stock.stockId()).status()).isEqualTo(StockStatus.STOPPED);
        assertThat(balance(active.fundingAccountId())).isEqualTo(5_00);
        assertThat(coupons.ofUser(payer.id(), stock.stockId(), CouponStatus.SENDED, 0, 10)).hasSize(1);
        mvc.perform(get("/admin/marketing/stocks").session(finance))
                .andExpect(content().string(Matchers.containsString("<td class=\"funded\">5.00</td>")));

        // Past its window the unused coupon expires and its 5.00 returns: the operator's capital is whole again.
        clock.advance(Duration.ofDays(11));
        stocks.expireDue();
        assertThat(stocks.stock(CouponStocks.Creator.PLATFORM, stock.stockId()).status()).isEqualTo(StockStatus.EXPIRED);
        assertThat(balance(active.fundingAccountId())).isZero();
        long capital = PlatformAccount.OPERATOR_CAPITAL.id();
        assertThat(ledger.transfersByReference(CouponStocks.reference(active)).stream()
                .mapToLong(t -> t.creditAccountId() == capital ? t.amount() : t.debitAccountId() == capital ? -t.amount() : 0)
                .sum()).as("what came back from the stock less what went into it").isZero();
    }

    private NewStock stock(String name, long amountFen, long minimumFen, int perUser) {
        return new NewStock(name, null, StockFunding.MERCHANT, amountFen, minimumFen, 10, amountFen * 10,
                amountFen * 10, perUser, clock.instant(), clock.instant().plus(Duration.ofDays(30)), List.of(),
                List.of(), false);
    }

    private CouponStock started(CouponStocks.Creator creator, NewStock s) {
        CouponStock stock = stocks.create(creator, s, null, null);
        return stocks.start(creator, stock.stockId());
    }

    private PaymentOrder order(TestMerchants.ApprovedMerchant shop, String appid, long totalFen) {
        return orders.prepay(shop.id(), new NewOrder(TradeType.NATIVE, appid, shop.mchid(), "Tea",
                "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }

    private org.springframework.test.web.servlet.ResultActions claim(TestPayers.Payer payer, String stockId)
            throws Exception {
        return claim(walletSession(payer.user().mobile()), stockId);
    }

    private org.springframework.test.web.servlet.ResultActions claim(MockHttpSession wallet, String stockId)
            throws Exception {
        // A page without a Claim button gives no token: as from a claim page left open in another tab.
        Matcher m = TOKEN.matcher(mvc.perform(get("/wallet/coupons/claim/" + stockId).session(wallet)).andReturn()
                .getResponse().getContentAsString());
        String token = m.find() ? m.group(1) : UUID.randomUUID().toString().replace("-", "");
        return mvc.perform(post("/wallet/coupons/claim/" + stockId).session(wallet).with(csrf()).param("token", token));
    }

    private static String token(String page) {
        Matcher m = TOKEN.matcher(page);
        assertThat(m.find()).as("the page's one-time token").isTrue();
        return m.group(1);
    }

    private MockHttpSession merchantSession(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }

    private MockHttpSession walletSession(String mobile) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/wallet/login").user("mobile", mobile)
                        .password(TestUsers.PASSWORD))
                .andReturn().getRequest().getSession(false);
    }

    private MockHttpSession staffSession(StaffUser user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }
}
