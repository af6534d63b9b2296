package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
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

import io.lingqian.credentials.TestMerchants;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.Coupons;
import io.lingqian.marketing.StockStatus;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * The portal's coupon pages and the wallet's claim link: a merchant creates and starts a stock, a
 * user claims a coupon from the link (once, even if the form is sent twice), sees it, is offered it at
 * the cashier, pays with it, and the merchant sees the budget used; another merchant cannot touch it.
 */
@ServerTest
class MarketingPagesTests {

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]{32})\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    TestMerchants merchants;
    @Autowired
    TestPayers payers;
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
    Clock clock;

    @Test
    void aStockMadeInThePortalIsClaimedInTheWalletAndUsedAtTheCashier() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        CouponStocks.Creator creator = CouponStocks.Creator.merchant(shop.id(), shop.mchid());
        MockHttpSession portal = merchantSession(shop.user().email());
        String token = token(mvc.perform(get("/merchant/marketing").session(portal)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        for (int i = 0; i < 2; i++) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
            mvc.perform(post("/merchant/marketing/stocks").session(portal).with(csrf()).param("token", token)
                    .param("name", "Tea5").param("amount", "5.00").param("minimum", "20.00").param("count", "10")
                    .param("perUser", "1").param("begin", today.toString()).param("end", today.plusDays(29).toString())
                    .param("funding", "MERCHANT"))
                    .andExpect(redirectedUrlPattern("/merchant/marketing/stocks/*"));
        }
        List<CouponStock> mine = stocks.list(creator, null, 0, 10);
        assertThat(mine).as("the form sent twice creates one stock").hasSize(1);
        CouponStock stock = mine.get(0);
        mvc.perform(post("/merchant/marketing/stocks/" + stock.stockId() + "/start").session(portal).with(csrf()))
                .andExpect(redirectedUrl("/merchant/marketing/stocks/" + stock.stockId()));
        assertThat(stocks.stock(creator, stock.stockId()).status()).isEqualTo(StockStatus.ACTIVE);

        TestMerchants.ApprovedMerchant other = merchants.approved();
        mvc.perform(post("/merchant/marketing/stocks/" + stock.stockId() + "/stop")
                .session(merchantSession(other.user().email())).with(csrf())).andExpect(status().isNotFound());
        assertThat(stocks.stock(creator, stock.stockId()).status()).isEqualTo(StockStatus.ACTIVE);

        TestPayers.Payer payer = payers.withBalance(100_00);
        MockHttpSession wallet = walletSession(payer.user().mobile());
        String claimToken = token(mvc.perform(get("/wallet/coupons/claim/" + stock.stockId()).session(wallet))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Tea5")))
                .andReturn().getResponse().getContentAsString());
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/wallet/coupons/claim/" + stock.stockId()).session(wallet).with(csrf())
                    .param("token", claimToken)).andExpect(redirectedUrl("/wallet/coupons"));
        }
        assertThat(coupons.ofUser(payer.id(), stock.stockId(), null, 0, 10)).hasSize(1);
        mvc.perform(get("/wallet/coupons").session(wallet))
                .andExpect(content().string(Matchers.containsString("Orders from ¥20.00")));

        String appid = apps.register(shop.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        PaymentOrder order = orders.prepay(shop.id(), new NewOrder(TradeType.NATIVE, appid, shop.mchid(), "Tea",
                "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, 30_00, "CNY", null, null, null, UUID.randomUUID().toString()));
        mvc.perform(get("/wallet/cashier").param("prepay_id", order.prepayId()).session(wallet))
                .andExpect(content().string(Matchers.containsString("Tea5 −¥5.00")))
                .andExpect(content().string(Matchers.containsString("No coupon")));
        assertThat(cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, null,
                PaymentHook.CouponChoice.BEST).payerTotalFen()).isEqualTo(25_00);

        mvc.perform(get("/merchant/marketing").session(portal))
                .andExpect(content().string(Matchers.containsString("5.00 of 50.00")))
                .andExpect(content().string(Matchers.containsString("/wallet/coupons/claim/" + stock.stockId())));
    }

    private static String token(String page) {
        Matcher m = TOKEN.matcher(page);
        assertThat(m.find()).isTrue();
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
}
