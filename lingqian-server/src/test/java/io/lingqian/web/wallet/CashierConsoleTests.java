package io.lingqian.web.wallet;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/** Scan and pay in the wallet console, as a phone user clicks through it. */
@ServerTest
class CashierConsoleTests {

    @Autowired MockMvc mvc;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired TestPayers payers;

    @Test
    void aPastedCodeOpensTheCashierWhichPaysWithThePassword() throws Exception {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        PaymentOrder order = orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(),
                "Flat white", "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, 18_00, "CNY", null, null, null, "console"));
        TestPayers.Payer payer = payers.withBalance(50_00);
        MockHttpSession session = (MockHttpSession) mvc.perform(post("/wallet/login").with(csrf())
                .param("mobile", payer.user().mobile()).param("password", TestUsers.PASSWORD))
                .andReturn().getRequest().getSession(false);

        mvc.perform(get("/wallet/scan").session(session)).andExpect(status().isOk());
        mvc.perform(post("/wallet/scan").session(session).with(csrf()).param("codeUrl", "not a code"))
                .andExpect(redirectedUrl("/wallet/scan"));
        String cashier = "/wallet/cashier?prepay_id=" + order.prepayId();
        mvc.perform(post("/wallet/scan").session(session).with(csrf()).param("codeUrl", order.codeUrl()))
                .andExpect(redirectedUrl(cashier));
        mvc.perform(get("/wallet/cashier").param("prepay_id", order.prepayId()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(merchant.merchant().name())))
                .andExpect(content().string(containsString("Flat white")))
                .andExpect(content().string(containsString("18.00")));

        mvc.perform(post("/wallet/cashier/pay").session(session).with(csrf()).param("prepayId", order.prepayId())
                .param("paymentPassword", "000000"))
                .andExpect(redirectedUrl(cashier));
        mvc.perform(post("/wallet/cashier/pay").session(session).with(csrf()).param("prepayId", order.prepayId())
                .param("paymentPassword", TestPayers.PAY_PASSWORD))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(order.transactionId())));
        mvc.perform(get("/wallet/cashier").param("prepay_id", order.prepayId()).session(session))
                .andExpect(content().string(containsString("This order is paid.")));
    }
}
