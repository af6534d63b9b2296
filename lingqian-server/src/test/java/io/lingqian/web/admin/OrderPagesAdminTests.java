package io.lingqian.web.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/** The admin console's orders: every merchant's, for ADMIN, FINANCE and SUPPORT only. */
@ServerTest
class OrderPagesAdminTests {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired TestPayers payers;
    @Autowired Refunds refunds;

    @Test
    void staffWhoAnswerForOrdersSearchEveryMerchantsOrdersAndSeeTheirLedgerTransfers() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(20_00);
        PaymentOrder paid = prepay(a, 15_00);
        cashier.pay(payer.id(), payer.deviceId(), paid.prepayId(), TestPayers.PAY_PASSWORD);
        PaymentOrder otherMerchants = prepay(b, 3_00);

        for (StaffRole role : List.of(StaffRole.ADMIN, StaffRole.FINANCE, StaffRole.SUPPORT)) {
            MockHttpSession session = signIn(users.staff(role));
            mvc.perform(get("/admin/orders").param("mchid", a.mchid()).session(session))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(paid.outTradeNo())))
                    .andExpect(content().string(not(containsString(otherMerchants.outTradeNo()))));
            mvc.perform(get("/admin/orders").param("number", otherMerchants.transactionId()).session(session))
                    .andExpect(content().string(containsString(otherMerchants.outTradeNo())));
            mvc.perform(get("/admin/orders").param("mchid", a.mchid()).param("state", "CLOSED").session(session))
                    .andExpect(content().string(containsString("No orders match.")));
            mvc.perform(get("/admin/orders/" + paid.id()).session(session))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("payment:" + paid.transactionId() + ":fee")))
                    .andExpect(content().string(containsString("wallet:" + payer.id())))
                    .andExpect(content().string(containsString("merchant:" + a.id() + ":settlement")))
                    .andExpect(content().string(containsString("platform:fee_income")))
                    .andExpect(content().string(containsString("paid by the wallet")));
        }
        mvc.perform(get("/admin/orders/" + Long.MAX_VALUE).session(signIn(users.staff(StaffRole.SUPPORT))))
                .andExpect(status().isNotFound());
    }

    @Test
    void riskStaffMerchantsAndStrangersCannotSeeOrders() throws Exception {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        PaymentOrder order = prepay(merchant, 1_00);

        MockHttpSession risk = signIn(users.staff(StaffRole.RISK));
        mvc.perform(get("/admin/orders").session(risk)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/orders/" + order.id()).session(risk)).andExpect(status().isForbidden());

        MockHttpSession merchantSession = (MockHttpSession) mvc.perform(formLogin("/merchant/login")
                        .user("email", merchant.user().email()).password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant")).andReturn().getRequest().getSession(false);
        mvc.perform(get("/admin/orders/" + order.id()).session(merchantSession))
                .andExpect(redirectedUrl("/admin/login"));
        mvc.perform(get("/admin/orders")).andExpect(redirectedUrl("/admin/login"));
    }

    @Test
    void staffWhoAnswerForOrdersSearchEveryMerchantsRefundsAndNobodyElseSeesThem() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(40_00);
        PaymentOrder paidA = prepay(a, 15_00);
        cashier.pay(payer.id(), payer.deviceId(), paidA.prepayId(), TestPayers.PAY_PASSWORD);
        PaymentOrder paidB = prepay(b, 10_00);
        cashier.pay(payer.id(), payer.deviceId(), paidB.prepayId(), TestPayers.PAY_PASSWORD);
        String refundA = "RA" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String refundB = "RB" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        refunds.refund(a.id(), new NewRefund(null, paidA.outTradeNo(), refundA, "Cold", null, 5_00, 15_00, List.of(),
                "d-" + refundA));
        refunds.refund(b.id(), new NewRefund(null, paidB.outTradeNo(), refundB, null, null, 2_00, 10_00, List.of(),
                "d-" + refundB));

        for (StaffRole role : List.of(StaffRole.ADMIN, StaffRole.FINANCE, StaffRole.SUPPORT)) {
            MockHttpSession session = signIn(users.staff(role));
            mvc.perform(get("/admin/refunds").param("mchid", a.mchid()).session(session))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(refundA)))
                    .andExpect(content().string(containsString("5.00")))
                    .andExpect(content().string(not(containsString(refundB))));
            mvc.perform(get("/admin/refunds").param("number", paidB.outTradeNo()).session(session))
                    .andExpect(content().string(containsString(refundB)))
                    .andExpect(content().string(containsString("/admin/orders/" + paidB.id())));
            mvc.perform(get("/admin/refunds").param("mchid", a.mchid()).param("status", "ABNORMAL").session(session))
                    .andExpect(content().string(containsString("No refunds match.")));
        }
        mvc.perform(get("/admin/refunds").session(signIn(users.staff(StaffRole.RISK))))
                .andExpect(status().isForbidden());
        MockHttpSession merchantSession = (MockHttpSession) mvc.perform(formLogin("/merchant/login")
                        .user("email", a.user().email()).password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant")).andReturn().getRequest().getSession(false);
        mvc.perform(get("/admin/refunds").session(merchantSession)).andExpect(redirectedUrl("/admin/login"));
        mvc.perform(get("/admin/refunds")).andExpect(redirectedUrl("/admin/login"));
    }

    private PaymentOrder prepay(TestMerchants.ApprovedMerchant merchant, long totalFen) {
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Noodles",
                "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
    }

    private MockHttpSession signIn(io.lingqian.staff.StaffUser user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }
}
