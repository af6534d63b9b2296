package io.lingqian.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.audit.AuditEntry;
import io.lingqian.audit.AuditLog;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.TestPayers;

/** Staff work cases, rules and the audit log in the admin console: RISK and ADMIN act, SUPPORT and FINANCE cannot. */
@ServerTest
class RiskAdminTests {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired TestPayers payers;
    @Autowired RiskCases cases;
    @Autowired RiskRules rules;
    @Autowired RiskEngine engine;
    @Autowired RiskJobs jobs;
    @Autowired WalletFreezes freezes;
    @Autowired RiskBlacklist blacklist;
    @Autowired PaymentSecurity security;
    @Autowired AuditLog audit;
    @Autowired AdjustableClock clock;

    private long openCase(TestPayers.Payer payer) {
        return cases.record(payer.id(), "DENY", "DENY", "test: refused by blacklisted-user", "risk engine");
    }

    @Test
    void riskStaffListAndWorkACaseAndEveryActionIsAudited() throws Exception {
        TestPayers.Payer payer = payers.withBalance(10_00);
        long caseId = openCase(payer);
        StaffUser risk = users.staff(StaffRole.RISK);
        MockHttpSession session = signIn(risk);

        String list = mvc.perform(get("/admin/risk/cases").param("state", "OPEN").param("user",
                Long.toString(payer.id())).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(list).contains("case-" + caseId).contains("blacklisted-user");
        String page = mvc.perform(get("/admin/risk/cases/" + caseId).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("test: refused by blacklisted-user");

        mvc.perform(post("/admin/risk/cases/" + caseId + "/freeze").param("reason", "account takeover suspected")
                .param("hours", "24").session(session).with(csrf()))
                .andExpect(redirectedUrl("/admin/risk/cases/" + caseId)).andExpect(flash().attribute("notice", "Done."));
        assertThat(freezes.active(payer.id())).get().extracting(Freeze::source).isEqualTo(Freeze.Source.STAFF);
        mvc.perform(post("/admin/risk/cases/" + caseId + "/blacklist").param("kind", "device")
                .param("entry", payer.deviceId()).param("reason", "used by the fraudster").session(session).with(csrf()))
                .andExpect(flash().attribute("notice", "Done."));
        assertThat(blacklist.entries()).extracting(RiskBlacklist.Entry::entry).contains(payer.deviceId());
        mvc.perform(post("/admin/risk/cases/" + caseId + "/confirm-fraud").param("note", "confirmed with the bank")
                .session(session).with(csrf())).andExpect(flash().attribute("notice", "Done."));
        assertThat(cases.get(caseId).orElseThrow().state()).isEqualTo(RiskCase.State.FRAUD_CONFIRMED);
        // a closed case cannot be closed again
        mvc.perform(post("/admin/risk/cases/" + caseId + "/clear").session(session).with(csrf()))
                .andExpect(flash().attributeExists("problem"));
        assertThat(cases.trail(caseId)).extracting(RiskCase.Event::kind)
                .contains("DENY", "STAFF_FREEZE", "BLACKLISTED", "FRAUD_CONFIRMED");

        assertThat(audit.search(new AuditLog.Filter(risk.displayName(), null, null, null), 50))
                .extracting(AuditEntry::kind).contains("STAFF_FREEZE", "BLACKLIST_ADDED", "CASE_FRAUD_CONFIRMED");
        blacklist.remove("device", payer.deviceId(), risk.id(), risk.displayName());
    }

    @Test
    void supportAndFinanceStaffCannotSeeOrActOnCases() throws Exception {
        TestPayers.Payer payer = payers.withBalance(0);
        long caseId = openCase(payer);
        for (StaffRole role : new StaffRole[] {StaffRole.SUPPORT, StaffRole.FINANCE}) {
            MockHttpSession session = signIn(users.staff(role));
            mvc.perform(get("/admin/risk/cases").session(session)).andExpect(status().isForbidden());
            mvc.perform(get("/admin/audit").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/risk/cases/" + caseId + "/clear").session(session).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/risk/cases/" + caseId + "/freeze").param("reason", "x").session(session)
                    .with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/admin/risk/cases/" + caseId + "/blacklist").param("kind", "user")
                    .param("entry", Long.toString(payer.id())).param("reason", "x").session(session).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/risk/rules").param("source", "").session(session).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        assertThat(cases.get(caseId).orElseThrow().state()).isEqualTo(RiskCase.State.OPEN);
        assertThat(freezes.isFrozen(payer.id())).isFalse();
        // ADMIN may
        MockHttpSession admin = signIn(users.staff(StaffRole.ADMIN));
        mvc.perform(post("/admin/risk/cases/" + caseId + "/clear").param("note", "false alarm").session(admin)
                .with(csrf())).andExpect(flash().attribute("notice", "Done."));
        assertThat(cases.get(caseId).orElseThrow().state()).isEqualTo(RiskCase.State.CLEARED);
    }

    @Test
    void rulesThatDoNotParseAreRefusedAndTheOldVersionStaysAndANewVersionIsInForceEverywhere() throws Exception {
        MockHttpSession session = signIn(users.staff(StaffRole.RISK));
        RuleSet before = rules.current();
        mvc.perform(post("/admin/risk/rules").param("source", before.source() + "\nrule broken when amount >> 5 then DENY")
                .session(session).with(csrf()))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString("line")));
        assertThat(rules.current().version()).isEqualTo(before.version());

        // a rule on an action nothing else in the suite uses, so other tests are not affected
        String source = before.source() + "\nrule payouts-off on PAYOUT when amount > 0 then DENY mode test\n";
        mvc.perform(post("/admin/risk/rules").param("source", source).param("note", "try payouts").session(session)
                .with(csrf())).andExpect(flash().attribute("notice",
                        "Version " + (before.version() + 1) + " is in force."));
        assertThat(rules.current().rules()).extracting(Rule::id).contains("payouts-off");

        // another instance (simulated: the engine still on the old version) picks it up at its next poll
        engine.install(before);
        assertThat(jobs.poll()).isTrue();
        assertThat(rules.current().version()).isEqualTo(before.version() + 1);
        rules.save(before.source(), 0, "test", "restore");
    }

    @Test
    void securityEventsAndStaffActionsAreInTheAuditLogFilteredByKindAndDay() throws Exception {
        TestPayers.Payer payer = payers.withBalance(0);
        security.setPassword(payer.id(), payer.deviceId(), TestPayers.PAY_PASSWORD, "975310");
        try {
            security.verify(payer.id(), "000001");
        } catch (io.lingqian.platform.ApiProblemException expected) {
            // counted
        }
        MockHttpSession session = signIn(users.staff(StaffRole.ADMIN));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        String page = mvc.perform(get("/admin/audit").param("kind", "PASSWORD_CHANGED").param("from", today.toString())
                .param("to", today.toString()).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("<td>user:" + payer.id() + "</td>").doesNotContain("<td>PASSWORD_WRONG</td>");
        assertThat(audit.search(new AuditLog.Filter("user:" + payer.id(), null, null, null), 10))
                .extracting(AuditEntry::kind).contains("PASSWORD_SET", "PASSWORD_CHANGED", "PASSWORD_WRONG");
        String yesterday = mvc.perform(get("/admin/audit").param("kind", "PASSWORD_CHANGED")
                .param("to", today.minusDays(1).toString()).param("actor", "user:" + payer.id()).session(session))
                .andReturn().getResponse().getContentAsString();
        assertThat(yesterday).contains("Nothing here.");
    }

    private MockHttpSession signIn(StaffUser user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }
}
