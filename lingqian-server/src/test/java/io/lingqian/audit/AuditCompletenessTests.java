package io.lingqian.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.care.CareFixtures;
import io.lingqian.care.Claim;
import io.lingqian.care.Claims;
import io.lingqian.care.CompensationFund;
import io.lingqian.care.Complaint;
import io.lingqian.care.ComplaintKind;
import io.lingqian.care.Complaints;
import io.lingqian.care.Ticket;
import io.lingqian.care.Tickets;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.Onboarding;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.risk.RiskBlacklist;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * The audit log is complete for what these consoles do: failed form sign-ins of all three consoles, and
 * staff's merchant reviews, platform key changes, claim decisions, complaint escalations and ticket
 * answers. The claim page shows the risk engine's case data for the investigation.
 */
@ServerTest
class AuditCompletenessTests {

    @Autowired MockMvc mvc;
    @Autowired AuditLog audit;
    @Autowired TestUsers users;
    @Autowired TestPayers payers;
    @Autowired TestMerchants merchants;
    @Autowired CareFixtures fixtures;
    @Autowired Claims claims;
    @Autowired CompensationFund fund;
    @Autowired Complaints complaints;
    @Autowired Tickets tickets;
    @Autowired Onboarding onboarding;
    @Autowired MerchantApplications applications;
    @Autowired RiskBlacklist blacklist;
    @Autowired AdjustableClock clock;

    @Test
    void failedSignInsToEachConsoleAreSecurityEventsWithoutThePassword() throws Exception {
        String mobile = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        String email = "nobody-" + UUID.randomUUID() + "@example.cn";
        String username = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(formLogin("/wallet/login").userParameter("mobile").user(mobile).password("guess-one"));
        mvc.perform(formLogin("/merchant/login").userParameter("email").user(email).password("guess-two"));
        mvc.perform(formLogin("/admin/login").user(username).password("guess-three"));

        List<AuditEntry> failed = audit.search(new AuditLog.Filter(null, "LOGIN_FAILED", null, null), 500);
        assertThat(failed).anyMatch(e -> e.subject().equals("console:wallet")
                && e.detail().contains(mobile.substring(0, 3) + "****" + mobile.substring(7)));
        assertThat(failed).anyMatch(e -> e.subject().equals("console:merchant") && e.detail().contains(email));
        assertThat(failed).anyMatch(e -> e.subject().equals("console:admin") && e.detail().contains(username));
        assertThat(failed).extracting(AuditEntry::detail).noneMatch(d -> d.contains("guess-") || d.contains(mobile));
    }

    @Test
    void claimDecisionsAreAuditedAndTheClaimPageShowsTheRiskCase() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        PaymentOrder order = fixtures.paidOrder(merchants.approved(), payer, 30_00);
        if (fund.balanceFen() < 30_00) {
            fixtures.payInCapital(30_00);
            fund.allocate(CareFixtures.unique(), 30_00, "staff:test");
        }
        // a denied attempt gives the user a risk case
        blacklist.add("user", Long.toString(payer.id()), "stolen phone", 1, "test staff");
        try {
            fixtures.paidOrder(merchants.approved(), payer, 1_00);
        } catch (io.lingqian.platform.ApiProblemException denied) {
            assertThat(denied.code()).isEqualTo("risk_denied");
        }
        blacklist.remove("user", Long.toString(payer.id()), 1, "test staff");
        Claim claim = claims.file(payer.id(), List.of("payment:" + order.transactionId()), null, "Not me.");
        StaffUser staff = users.staff(StaffRole.RISK);
        MockHttpSession session = signIn(staff);

        String page = mvc.perform(get("/admin/care/claims/" + claim.id()).session(session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"claim-risk\"").contains("blacklisted-user").contains("DENY");

        mvc.perform(post("/admin/care/claims/" + claim.id() + "/investigate").session(session).with(csrf()));
        mvc.perform(post("/admin/care/claims/" + claim.id() + "/approve").param("amount", "30.00").session(session)
                .with(csrf()));
        assertThat(audit.search(new AuditLog.Filter(staff.displayName(), null, null, null), 10))
                .extracting(e -> e.kind() + " " + e.subject())
                .contains("CLAIM_INVESTIGATING claim:" + claim.id(), "CLAIM_APPROVED claim:" + claim.id());
    }

    @Test
    void complaintEscalationsAndTicketAnswersAreAudited() throws Exception {
        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder order = fixtures.paidOrder(merchants.approved(), payer, 20_00);
        Complaint complaint = complaints.file(payer.id(), "payment:" + order.transactionId(),
                ComplaintKind.NOT_RECEIVED, "Nothing arrived.", null);
        clock.advance(Duration.ofHours(25));
        complaints.markOverdue();
        Ticket ticket = tickets.open(payer.id(), "Where is my refund?", "Please help.");
        StaffUser staff = users.staff(StaffRole.SUPPORT);
        MockHttpSession session = signIn(staff);

        mvc.perform(post("/admin/care/complaints/" + complaint.complaintId() + "/escalate").session(session)
                .with(csrf()));
        mvc.perform(post("/admin/care/tickets/" + ticket.id() + "/reply").param("text", "On its way.")
                .session(session).with(csrf()));
        mvc.perform(post("/admin/care/tickets/" + ticket.id() + "/close").session(session).with(csrf()));

        assertThat(audit.search(new AuditLog.Filter(staff.displayName(), null, null, null), 10))
                .extracting(e -> e.kind() + " " + e.subject())
                .contains("COMPLAINT_ESCALATED complaint:" + complaint.complaintId(), "TICKET_REPLIED ticket:"
                        + ticket.id(), "TICKET_CLOSED ticket:" + ticket.id());
    }

    @Test
    void merchantReviewAndPlatformKeyActionsAreAudited() throws Exception {
        MerchantUser merchant = onboarding.submitted();
        long applicationId = applications.ofMerchant(merchant.merchantId()).orElseThrow().id();
        StaffUser staff = users.staff(StaffRole.ADMIN);
        MockHttpSession session = signIn(staff);

        mvc.perform(post("/admin/merchants/applications/" + applicationId + "/review").session(session).with(csrf()));
        mvc.perform(post("/admin/merchants/applications/" + applicationId + "/approve").param("note", "all in order")
                .session(session).with(csrf()));
        mvc.perform(post("/admin/platform-keys/rotate").session(session).with(csrf()));

        List<AuditEntry> mine = audit.search(new AuditLog.Filter(staff.displayName(), null, null, null), 10);
        assertThat(mine).extracting(e -> e.kind() + " " + e.subject()).contains(
                "MERCHANT_REVIEW_STARTED merchant-application:" + applicationId,
                "MERCHANT_APPROVED merchant-application:" + applicationId);
        assertThat(mine).extracting(AuditEntry::kind).contains("PLATFORM_KEY_ROTATED");
    }

    private MockHttpSession signIn(StaffUser user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username()).password(TestUsers.PASSWORD))
                .andReturn().getRequest().getSession(false);
    }
}
