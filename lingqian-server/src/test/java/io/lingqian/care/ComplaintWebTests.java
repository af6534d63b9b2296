package io.lingqian.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * Complaints through the wallet (API and pages), the merchant portal and the admin console: each
 * party reaches only what is theirs, the merchant answers and completes in the portal, and only
 * SUPPORT or ADMIN escalate an overdue complaint.
 */
@ServerTest
class ComplaintWebTests {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired TestPayers payers;
    @Autowired TestMerchants merchants;
    @Autowired CareFixtures fixtures;
    @Autowired Complaints complaints;
    @Autowired CustomerAccounts accounts;
    @Autowired AdjustableClock clock;

    @Test
    void aUserComplainsFromTheBillAndTheMerchantAnswersAndCompletesInThePortalWhileOthersSeeNothing() throws Exception {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        TestMerchants.ApprovedMerchant stranger = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(30_00);
        TestPayers.Payer other = payers.withBalance(10_00);
        PaymentOrder order = fixtures.paidOrder(merchant, payer, 12_00);
        MockHttpSession wallet = wallet(payer);
        MockHttpSession otherWallet = wallet(other);
        String bill = "payment:" + order.transactionId();

        mvc.perform(get("/wallet/bills/" + bill).session(wallet))
                .andExpect(content().string(Matchers.containsString("complain-bill")));
        mvc.perform(get("/wallet/complaints/new").param("bill", bill).session(otherWallet))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/wallet/complaints").session(otherWallet).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bill\":\"" + bill + "\",\"kind\":\"FRAUD\",\"description\":\"x\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("bill_not_found"));
        mvc.perform(post("/wallet/complaints").session(wallet).with(csrf()).param("bill", bill)
                        .param("kind", "NOT_RECEIVED").param("description", "The tea never came.").param("refund", "12"))
                .andExpect(status().is3xxRedirection());
        Complaint complaint = complaints.ofUser(payer.id()).get(0);
        assertThat(complaint.requestedRefundFen()).isEqualTo(12_00);

        mvc.perform(get("/api/wallet/complaints/" + complaint.complaintId()).session(otherWallet))
                .andExpect(status().isNotFound());
        mvc.perform(get("/wallet/complaints/" + complaint.complaintId()).session(otherWallet))
                .andExpect(status().isNotFound());

        MockHttpSession portal = merchant(merchant);
        MockHttpSession strangerPortal = merchant(stranger);
        mvc.perform(get("/merchant/complaints").session(portal))
                .andExpect(content().string(Matchers.containsString(complaint.complaintId())));
        mvc.perform(get("/merchant/complaints").session(strangerPortal))
                .andExpect(content().string(Matchers.not(Matchers.containsString(complaint.complaintId()))));
        mvc.perform(get("/merchant/complaints/" + complaint.complaintId()).session(strangerPortal))
                .andExpect(status().isNotFound());
        mvc.perform(post("/merchant/complaints/" + complaint.complaintId() + "/respond").session(strangerPortal)
                .with(csrf()).param("content", "not ours")).andExpect(status().isNotFound());

        mvc.perform(post("/merchant/complaints/" + complaint.complaintId() + "/respond").session(portal).with(csrf())
                        .param("content", "On its way, sorry."))
                .andExpect(redirectedUrl("/merchant/complaints/" + complaint.complaintId()));
        mvc.perform(post("/merchant/complaints/" + complaint.complaintId() + "/complete").session(portal).with(csrf()))
                .andExpect(redirectedUrl("/merchant/complaints/" + complaint.complaintId()));

        mvc.perform(get("/api/wallet/complaints/" + complaint.complaintId()).session(wallet))
                .andExpect(jsonPath("$.complaint.state").value("PROCESSED"))
                .andExpect(jsonPath("$.history[1].details").value("On its way, sorry."));
        mvc.perform(get("/wallet/complaints/" + complaint.complaintId()).session(wallet))
                .andExpect(content().string(Matchers.containsString("On its way, sorry.")));
    }

    @Test
    void onlySupportOrAdminEscalateAnOverdueComplaintAndFinanceCannotSeeComplaints() throws Exception {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(30_00);
        PaymentOrder order = fixtures.paidOrder(merchant, payer, 10_00);
        Complaint complaint = complaints.file(payer.id(), "payment:" + order.transactionId(), ComplaintKind.FRAUD,
                "Fake goods.", null);
        MockHttpSession support = staff(StaffRole.SUPPORT);
        MockHttpSession risk = staff(StaffRole.RISK);
        String page = "/admin/care/complaints/" + complaint.complaintId();

        mvc.perform(get("/admin/care/complaints").session(staff(StaffRole.FINANCE))).andExpect(status().isForbidden());
        mvc.perform(post(page + "/escalate").session(support).with(csrf()))
                .andExpect(redirectedUrl(page));
        mvc.perform(get(page).session(support)).andExpect(content().string(Matchers.containsString("still has time")));

        clock.advance(Duration.ofHours(25));
        mvc.perform(post("/admin/care/complaints/check-deadlines").session(support).with(csrf()))
                .andExpect(redirectedUrl("/admin/care/complaints?overdue=true"));
        mvc.perform(get("/admin/care/complaints").param("overdue", "true").session(risk))
                .andExpect(content().string(Matchers.containsString(complaint.complaintId())));
        mvc.perform(post(page + "/escalate").session(risk).with(csrf())).andExpect(status().isForbidden());
        assertThat(fixtures.balance(accounts.openWallet(payer.id()))).isEqualTo(20_00);

        mvc.perform(post(page + "/escalate").session(support).with(csrf()).param("amount", "10.00"))
                .andExpect(redirectedUrl(page));
        assertThat(fixtures.balance(accounts.openWallet(payer.id()))).isEqualTo(30_00);
        assertThat(complaints.ofUser(payer.id(), complaint.complaintId()).state()).isEqualTo(ComplaintState.PROCESSED);
        mvc.perform(get(page).session(risk)).andExpect(content().string(Matchers.containsString("PLATFORM_RESPONSE")));
    }

    private MockHttpSession wallet(TestPayers.Payer payer) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/wallet/login").user("mobile", payer.user().mobile())
                        .password(TestUsers.PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andReturn().getRequest().getSession(false);
    }

    private MockHttpSession merchant(TestMerchants.ApprovedMerchant merchant) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", merchant.user().email())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }

    private MockHttpSession staff(StaffRole role) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(users.staff(role).username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }
}
