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

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.Refund;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeType;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * Refunding from the portal: the form refunds once however often it is sent, wrong amounts are
 * refused with nothing moved, and another merchant can neither see nor refund the order.
 */
@ServerTest
class RefundPagesTests {

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]{32})\"");

    @Autowired MockMvc mvc;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired TestPayers payers;
    @Autowired Refunds refunds;
    @Autowired CustomerAccounts accounts;
    @Autowired Ledger ledger;

    @Test
    void aMerchantRefundsPartOfAnOrderOnceEvenWhenTheFormIsSentTwiceAndSeesItInTheList() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder order = paidOrder(a, payer, 20_00);
        MockHttpSession session = signIn(a.user().email());
        String page = mvc.perform(get("/merchant/orders/" + order.outTradeNo() + "/refund").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("20.00")))
                .andReturn().getResponse().getContentAsString();
        String token = token(page);

        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/merchant/orders/" + order.outTradeNo() + "/refund").session(session).with(csrf())
                            .param("token", token).param("amount", "7.50").param("reason", "one cup was cold"))
                    .andExpect(redirectedUrl("/merchant/refunds"));
        }

        List<Refund> made = refunds.ofOrder(a.id(), orders.byOutTradeNo(a.id(), order.outTradeNo()));
        assertThat(made).hasSize(1);
        assertThat(made.get(0).refundFen()).isEqualTo(7_50);
        assertThat(made.get(0).reason()).isEqualTo("one cup was cold");
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(50_00 - 20_00 + 7_50);
        mvc.perform(get("/merchant/refunds").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(made.get(0).refundId())))
                .andExpect(content().string(Matchers.containsString("7.50")))
                .andExpect(content().string(Matchers.containsString("nav-refunds")));
        mvc.perform(get("/merchant/orders/" + order.outTradeNo() + "/refund").session(session))
                .andExpect(content().string(Matchers.containsString("12.50")))
                .andExpect(content().string(Matchers.containsString("REFUND")));
    }

    @Test
    void tooMuchOrNoAmountIsRefusedOnTheFormAndNothingMoves() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(10_00);
        PaymentOrder order = paidOrder(a, payer, 5_00);
        MockHttpSession session = signIn(a.user().email());
        String token = token(mvc.perform(get("/merchant/orders/" + order.outTradeNo() + "/refund").session(session))
                .andReturn().getResponse().getContentAsString());

        mvc.perform(post("/merchant/orders/" + order.outTradeNo() + "/refund").session(session).with(csrf())
                        .param("token", token).param("amount", "5.01"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("exceeds the 500 fen left to refund")));
        mvc.perform(post("/merchant/orders/" + order.outTradeNo() + "/refund").session(session).with(csrf())
                        .param("token", token).param("amount", "lots"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Enter the amount to refund")));

        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(5_00);
        assertThat(refunds.refundable(orders.byOutTradeNo(a.id(), order.outTradeNo()))).isEqualTo(5_00);
    }

    @Test
    void anotherMerchantCanNeitherSeeNorRefundTheOrderNorSeeItsRefunds() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(10_00);
        PaymentOrder order = paidOrder(a, payer, 5_00);
        Refund refund = refunds.refund(a.id(), new io.lingqian.payment.NewRefund(null, order.outTradeNo(),
                "R-" + order.outTradeNo(), null, null, 1_00, 5_00, List.of(), "digest-R-" + order.outTradeNo()));
        MockHttpSession sessionB = signIn(b.user().email());

        mvc.perform(get("/merchant/orders/" + order.outTradeNo() + "/refund").session(sessionB))
                .andExpect(status().isNotFound());
        mvc.perform(post("/merchant/orders/" + order.outTradeNo() + "/refund").session(sessionB).with(csrf())
                        .param("token", UUID.randomUUID().toString().replace("-", "")).param("amount", "1.00"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/merchant/refunds").session(sessionB))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(refund.refundId()))));
        mvc.perform(get("/merchant/orders/" + order.outTradeNo() + "/refund"))
                .andExpect(status().is3xxRedirection());

        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(5_00 + 1_00);
    }

    private PaymentOrder paidOrder(TestMerchants.ApprovedMerchant merchant, TestPayers.Payer payer, long totalFen) {
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        String outTradeNo = "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        PaymentOrder order = orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(),
                "Coffee", outTradeNo, null, null, "https://shop.example.cn/notify", null, totalFen, "CNY", null, null,
                null, "digest-" + outTradeNo));
        cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), order.codeUrl()).prepayId(),
                TestPayers.PAY_PASSWORD);
        return order;
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }

    private static String token(String page) {
        Matcher m = TOKEN.matcher(page);
        assertThat(m.find()).as("the form carries a token").isTrue();
        return m.group(1);
    }

    private MockHttpSession signIn(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
