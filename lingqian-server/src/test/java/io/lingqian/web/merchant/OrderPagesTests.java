package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.bill.BillKind;
import io.lingqian.bill.Bills;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/** The portal's orders and bills: search, an order's history and postings, the CSV download, and only one's own. */
@ServerTest
class OrderPagesTests {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired MockMvc mvc;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired TestPayers payers;
    @Autowired Bills bills;
    @Autowired AdjustableClock clock;

    @Test
    void aMerchantFindsItsOrdersAndSeesAPaidOnesHistoryAndPostingsButNeverAnotherMerchantsOrder() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        PaymentOrder paid = pay(a, 12_34);
        PaymentOrder unpaid = prepay(a, 5_00);
        PaymentOrder others = pay(b, 7_00);
        MockHttpSession session = signIn(a);

        mvc.perform(get("/merchant/orders").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(paid.outTradeNo())))
                .andExpect(content().string(containsString(unpaid.outTradeNo())))
                .andExpect(content().string(containsString(paid.transactionId())))
                .andExpect(content().string(not(containsString(unpaid.transactionId()))))
                .andExpect(content().string(not(containsString(others.outTradeNo()))));
        mvc.perform(get("/merchant/orders").param("number", paid.transactionId()).session(session))
                .andExpect(content().string(containsString(paid.outTradeNo())))
                .andExpect(content().string(not(containsString(unpaid.outTradeNo()))));
        mvc.perform(get("/merchant/orders").param("number", unpaid.transactionId()).session(session))
                .andExpect(content().string(containsString("No orders match.")));
        mvc.perform(get("/merchant/orders").param("number", others.outTradeNo()).session(session))
                .andExpect(content().string(containsString("No orders match.")));
        mvc.perform(get("/merchant/orders").param("state", "NOTPAY").session(session))
                .andExpect(content().string(containsString(unpaid.outTradeNo())))
                .andExpect(content().string(not(containsString(paid.outTradeNo()))));
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHINA);
        mvc.perform(get("/merchant/orders").param("from", today.toString()).param("to", today.toString()).session(session))
                .andExpect(content().string(containsString(paid.outTradeNo())));
        mvc.perform(get("/merchant/orders").param("from", today.plusDays(1).toString()).session(session))
                .andExpect(content().string(containsString("No orders match.")));
        mvc.perform(get("/merchant/orders").param("from", "31/12/2025").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Dates are written as yyyy-MM-dd.")));

        mvc.perform(get("/merchant/orders/" + paid.outTradeNo()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(paid.transactionId())))
                .andExpect(content().string(containsString("paid by the wallet")))
                .andExpect(content().string(containsString("payment:" + paid.transactionId() + ":fee")))
                .andExpect(content().string(containsString("Your settlement account")))
                .andExpect(content().string(containsString("The payer&#39;s balance")))
                .andExpect(content().string(containsString("12.34")))
                .andExpect(content().string(containsString("/merchant/orders/" + paid.outTradeNo() + "/refund")));
        mvc.perform(get("/merchant/orders/" + unpaid.outTradeNo()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("(once paid)")))
                .andExpect(content().string(containsString("None: the order is not paid.")))
                .andExpect(content().string(not(containsString(unpaid.transactionId()))))
                .andExpect(content().string(not(containsString("/merchant/orders/" + unpaid.outTradeNo() + "/refund"))));

        mvc.perform(get("/merchant/orders/" + others.outTradeNo()).session(session)).andExpect(status().isNotFound());
        mvc.perform(get("/merchant/orders/" + paid.outTradeNo()).session(signIn(b))).andExpect(status().isNotFound());
        mvc.perform(get("/merchant/orders/" + paid.outTradeNo())).andExpect(redirectedUrl("/merchant/login"));
    }

    @Test
    void theOrderListIsPagedTwentyAtATime() throws Exception {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        for (int i = 0; i < 21; i++) {
            prepay(merchant, 1_00 + i);
        }
        MockHttpSession session = signIn(merchant);

        String first = mvc.perform(get("/merchant/orders").session(session))
                .andExpect(content().string(containsString("id=\"next-page\"")))
                .andExpect(content().string(not(containsString("id=\"previous-page\""))))
                .andReturn().getResponse().getContentAsString();
        assertThat(first.split("class=\"order-row\"", -1)).hasSize(21);
        assertThat(first).contains("<span id=\"order-count\">21</span>");
        String second = mvc.perform(get("/merchant/orders").param("page", "1").session(session))
                .andExpect(content().string(containsString("id=\"previous-page\"")))
                .andExpect(content().string(not(containsString("id=\"next-page\""))))
                .andReturn().getResponse().getContentAsString();
        assertThat(second.split("class=\"order-row\"", -1)).hasSize(2);
    }

    @Test
    void aMerchantDownloadsItsBillAsTheSameCsvTheApiServesAndNoOneElsesBill() throws Exception {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        TestMerchants.ApprovedMerchant other = merchants.approved();
        ZonedDateTime now = clock.instant().atZone(CHINA);
        clock.advance(Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(CHINA).plusHours(2)));
        LocalDate day = LocalDate.ofInstant(clock.instant(), CHINA);
        PaymentOrder paid = pay(merchant, 9_99);
        MockHttpSession session = signIn(merchant);

        mvc.perform(get("/merchant/bills/file").param("date", day.toString()).param("kind", "TRADE_SUCCESS")
                        .session(session))
                .andExpect(redirectedUrl("/merchant/bills"))
                .andExpect(flash().attribute("problem", containsString("once the day is over")));
        clock.advance(Duration.ofDays(1));

        byte[] csv = mvc.perform(get("/merchant/bills/file").param("date", day.toString()).param("kind", "TRADE_SUCCESS")
                        .session(session))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"trade_success-" + day + ".csv\""))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("交易时间,公众账号ID,商户号").contains("`" + paid.transactionId() + ",")
                .contains("`9.99,");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(csv)))
                .as("the very bytes whose hash the API reports")
                .isEqualTo(bills.prepare(merchant.id(), day, BillKind.TRADE_SUCCESS).sha1());

        mvc.perform(get("/merchant/bills/file").param("date", day.toString()).param("kind", "TRADE_SUCCESS")
                        .session(signIn(other)))
                .andExpect(redirectedUrl("/merchant/bills"))
                .andExpect(flash().attribute("problem", containsString("no transactions")));
        mvc.perform(get("/merchant/bills").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Fund-flow bill, basic account")));
    }

    private PaymentOrder prepay(TestMerchants.ApprovedMerchant merchant, long totalFen) {
        String appid = apps.appsOf(merchant.id()).stream().findFirst()
                .orElseGet(() -> apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app())
                .appid();
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Noodles",
                "P" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
    }

    private PaymentOrder pay(TestMerchants.ApprovedMerchant merchant, long totalFen) {
        PaymentOrder order = prepay(merchant, totalFen);
        TestPayers.Payer payer = payers.withBalance(totalFen);
        cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD);
        return orders.byOutTradeNo(merchant.id(), order.outTradeNo());
    }

    private MockHttpSession signIn(TestMerchants.ApprovedMerchant merchant) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", merchant.user().email())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
