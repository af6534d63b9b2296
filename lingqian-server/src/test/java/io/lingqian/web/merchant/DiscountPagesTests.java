package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.DiscountRule;
import io.lingqian.marketing.DiscountStatus;
import io.lingqian.marketing.InstantDiscounts;
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
 * The portal's instant-discount page: a merchant creates a rule (once, even if the form is sent
 * twice), a payment is discounted by it, the page shows the budget used, the merchant pauses and
 * stops it; another merchant can neither see nor change it.
 */
@ServerTest
class DiscountPagesTests {

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
    InstantDiscounts discounts;

    @Test
    void aRuleMadeInThePortalDiscountsPaymentsAndCanBePausedAndStopped() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        CouponStocks.Creator owner = CouponStocks.Creator.merchant(shop.id(), shop.mchid());
        MockHttpSession portal = merchantSession(shop.user().email());
        String page = mvc.perform(get("/merchant/marketing/discounts").session(portal)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("No instant discounts yet")))
                .andReturn().getResponse().getContentAsString();
        String token = token(page);
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/merchant/marketing/discounts").session(portal).with(csrf()).param("token", token)
                            .param("name", "Lunch").param("minAmount", "2").param("threshold", "10")
                            .param("budget", "10").param("perUserDaily", "1").param("perUserTotal", "3")
                            .param("funding", "MERCHANT"))
                    .andExpect(redirectedUrl("/merchant/marketing/discounts"));
        }
        assertThat(discounts.list(owner)).as("the form sent twice makes one rule").hasSize(1);
        DiscountRule rule = discounts.list(owner).get(0);

        TestPayers.Payer payer = payers.withBalance(100_00);
        String appid = apps.register(shop.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        PaymentOrder order = orders.prepay(shop.id(), new NewOrder(TradeType.NATIVE, appid, shop.mchid(), "Lunch",
                "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, 30_00, "CNY", null, null, null, UUID.randomUUID().toString()));
        assertThat(cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, null,
                PaymentHook.CouponChoice.BEST).payerTotalFen()).isEqualTo(28_00);
        mvc.perform(get("/merchant/marketing/discounts").session(portal))
                .andExpect(content().string(Matchers.containsString("2.00 of 10.00")));

        TestMerchants.ApprovedMerchant other = merchants.approved();
        MockHttpSession otherPortal = merchantSession(other.user().email());
        mvc.perform(get("/merchant/marketing/discounts").session(otherPortal))
                .andExpect(content().string(Matchers.not(Matchers.containsString(rule.ruleId()))));
        mvc.perform(post("/merchant/marketing/discounts/" + rule.ruleId() + "/stop").session(otherPortal)
                .with(csrf())).andExpect(status().isNotFound());

        mvc.perform(post("/merchant/marketing/discounts/" + rule.ruleId() + "/pause").session(portal).with(csrf()))
                .andExpect(redirectedUrl("/merchant/marketing/discounts"));
        assertThat(discounts.rule(owner, rule.ruleId()).status()).isEqualTo(DiscountStatus.PAUSED);
        mvc.perform(post("/merchant/marketing/discounts/" + rule.ruleId() + "/stop").session(portal).with(csrf()))
                .andExpect(redirectedUrl("/merchant/marketing/discounts"));
        assertThat(discounts.rule(owner, rule.ruleId()).status()).isEqualTo(DiscountStatus.STOPPED);
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
}
