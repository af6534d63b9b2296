package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeType;
import io.lingqian.stats.Statistics;
import io.lingqian.stats.StatsRollup;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/** A merchant's analytics in the portal: its own customers, repeat customers, tickets and refunds only. */
@ServerTest
class AnalyticsPagesTests {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    @Autowired MockMvc mvc;
    @Autowired AdjustableClock clock;
    @Autowired StatsRollup rollup;
    @Autowired Statistics statistics;
    @Autowired TestMerchants merchants;
    @Autowired TestPayers payers;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired Refunds refunds;

    @Test
    void aMerchantSeesItsCustomersRepeatRateTicketAndRefundsAndNothingOfAnother() throws Exception {
        ZonedDateTime now = clock.instant().atZone(CST);
        ZonedDateTime noon = now.toLocalDate().plusDays(1).atTime(12, 0).atZone(CST);
        clock.advance(Duration.between(now, noon));
        LocalDate day = noon.toLocalDate();
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        TestMerchants.ApprovedMerchant other = merchants.approved();
        TestPayers.Payer regular = payers.withBalance(200_00);
        TestPayers.Payer once = payers.withBalance(200_00);
        pay(shop, regular, 10_00);
        PaymentOrder second = pay(shop, regular, 20_00);
        pay(shop, once, 30_00);
        pay(other, once, 99_00);
        refunds.refund(shop.id(), new NewRefund(second.transactionId(), null, "R" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 20), null, null, 5_00, 20_00, List.of(), UUID.randomUUID().toString()));
        rollup.fold();

        Statistics.MerchantAnalytics a = statistics.merchant(shop.id(), day, day);
        assertThat(a.payments()).isEqualTo(3);
        assertThat(a.amountFen()).isEqualTo(60_00);
        assertThat(a.customers()).isEqualTo(2);
        assertThat(a.repeatCustomers()).isEqualTo(1);
        assertThat(a.repeatRate()).isEqualTo(0.5);
        assertThat(a.averageTicketFen()).isEqualTo(20_00);
        assertThat(a.refunds()).isEqualTo(1);
        assertThat(a.refundFen()).isEqualTo(5_00);
        assertThat(a.couponFen()).as("no coupons yet").isZero();

        MockHttpSession session = signIn(shop);
        String page = mvc.perform(get("/merchant/analytics").param("from", day.toString()).param("to", day.toString())
                .session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"sales\">60.00<", "id=\"customers\">2 (1)<", "id=\"repeat-rate\">50.0 %<",
                "id=\"average-ticket\">20.00<").doesNotContain("99.00");
        String csv = mvc.perform(get("/merchant/analytics.csv").param("from", day.toString())
                .param("to", day.toString()).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(csv).contains(day + ",3,60.00,1,5.00,0.00,2");

        String others = mvc.perform(get("/merchant/analytics").param("from", day.toString())
                .param("to", day.toString()).session(signIn(other))).andReturn().getResponse().getContentAsString();
        assertThat(others).contains("id=\"sales\">99.00<", "id=\"customers\">1 (0)<");
        mvc.perform(get("/merchant/analytics").param("from", "yesterday").session(session))
                .andExpect(status().isOk());
        mvc.perform(get("/merchant/analytics")).andExpect(redirectedUrl("/merchant/login"));
    }

    private PaymentOrder pay(TestMerchants.ApprovedMerchant merchant, TestPayers.Payer payer, long totalFen) {
        String appid = apps.register(merchant.id(), AppKind.MOBILE_APP, "Shop", List.of()).app().appid();
        PaymentOrder order = orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Tea",
                "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
        cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD);
        return order;
    }

    private MockHttpSession signIn(TestMerchants.ApprovedMerchant merchant) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", merchant.user().email())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
