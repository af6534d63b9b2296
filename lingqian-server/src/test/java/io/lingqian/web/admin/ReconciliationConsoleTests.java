package io.lingqian.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.audit.AuditLog;
import io.lingqian.bank.CardType;
import io.lingqian.bank.StatementFaults;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.reconciliation.Difference;
import io.lingqian.reconciliation.ItemState;
import io.lingqian.reconciliation.ReconItem;
import io.lingqian.reconciliation.Reconciliation;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.TopUp;
import io.lingqian.wallet.TopUps;

/**
 * The reconciliation console: finance staff run a day with a re-amounted statement line, watch it
 * finish, see the difference under its class, resolve it with a reason (booked and audited), import
 * statement files (a malformed one is refused by line), read the day's report; other roles are refused.
 */
@ServerTest
class ReconciliationConsoleTests {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    private static final String HEADER = "operation_id,kind,last4,amount_fen,status,failure_code,completed_at\n";

    @Autowired MockMvc mvc;
    @Autowired AdjustableClock clock;
    @Autowired StatementFaults faults;
    @Autowired TestPayers payers;
    @Autowired TopUps topUps;
    @Autowired Reconciliation reconciliation;
    @Autowired AuditLog audit;
    @Autowired TestUsers users;

    private LocalDate nextMorning() {
        ZonedDateTime now = clock.instant().atZone(CST);
        ZonedDateTime ten = now.toLocalDate().plusDays(1).atTime(10, 0).atZone(CST);
        clock.advance(Duration.between(now, ten));
        return ten.toLocalDate();
    }

    @Test
    void financeRunsADayResolvesTheDifferenceWithAReasonAndReadsTheReport() throws Exception {
        LocalDate day = nextMorning();
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.CITIC, CardType.DEBIT);
        TopUp reAmounted = topUps.topUp(payer.id(), card, 30_00, "t-" + UUID.randomUUID());
        faults.changeAmount("topup-" + reAmounted.id(), 32_00);
        StaffUser finance = users.staff(StaffRole.FINANCE);
        String base = "/admin/reconciliation/CITIC/" + day;
        try {
            clock.advance(Duration.ofDays(1));
            mvc.perform(get(base + "/progress").with(basic(finance)))
                    .andExpect(status().isOk()).andExpect(content().string(containsString("Not run yet.")));

            // htmx starts the run; the answer is the finished progress bar and a refresh of the page.
            mvc.perform(post(base + "/run").header("HX-Request", "true").with(basic(finance)).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(header().string("HX-Refresh", "true"))
                    .andExpect(content().string(containsString("100%")))
                    .andExpect(content().string(containsString("data-phase=\"DONE\"")));
            ReconItem item = reconciliation.report(PartnerBank.CITIC, day).items().stream()
                    .filter(i -> i.key().equals("topup:" + reAmounted.id())).findFirst().orElseThrow();
            assertThat(item.difference()).isEqualTo(Difference.AMOUNT_MISMATCH);

            String page = mvc.perform(get(base).with(basic(finance))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).contains("id=\"class-AMOUNT_MISMATCH\"", "topup:" + reAmounted.id(), "32.00", "30.00",
                    "id=\"item-" + item.id() + "\"", "Resolve");

            // A reason too short is refused and changes nothing.
            mvc.perform(post("/admin/reconciliation/items/" + item.id() + "/resolve").param("reason", "ok")
                            .with(basic(finance)).with(csrf()))
                    .andExpect(redirectedUrl(base))
                    .andExpect(flash().attribute("problem", containsString("5 to 200 characters")));
            assertThat(reconciliation.item(item.id()).orElseThrow().state()).isEqualTo(ItemState.OPEN);

            mvc.perform(post("/admin/reconciliation/items/" + item.id() + "/resolve")
                            .param("reason", "CITIC printed 2.00 more; claim filed").with(basic(finance)).with(csrf()))
                    .andExpect(redirectedUrl(base))
                    .andExpect(flash().attribute("notice", containsString("recon:" + item.id() + ":correction")));
            ReconItem resolved = reconciliation.item(item.id()).orElseThrow();
            assertThat(resolved.state()).isEqualTo(ItemState.RESOLVED);
            assertThat(resolved.resolvedBy()).isEqualTo(finance.displayName());
            assertThat(audit.search(new AuditLog.Filter(null, "RECONCILIATION_RESOLVED", null, null), 50))
                    .anySatisfy(e -> assertThat(e.subject()).isEqualTo("recon-item:" + item.id()));
            assertThat(mvc.perform(get(base).with(basic(finance))).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8)).contains("CITIC printed 2.00 more; claim filed");

            String report = mvc.perform(get("/admin/reconciliation/report").param("day", day.toString())
                            .with(basic(finance))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(report).contains("id=\"report-CITIC\"", "id=\"report-totals\"");
            assertThat(mvc.perform(get("/admin/reconciliation").with(basic(finance))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                    .contains("/admin/reconciliation/CITIC/" + day);
        } finally {
            faults.clear("topup-" + reAmounted.id());
        }
    }

    @Test
    void aStatementFileIsImportedOnceAndAMalformedOneIsRefusedByLine() throws Exception {
        LocalDate day = nextMorning().minusDays(700);
        String at = day.atTime(9, 30).atZone(CST).toInstant().toString();
        StaffUser finance = users.staff(StaffRole.FINANCE);
        String base = "/admin/reconciliation/NBCB/" + day;
        mvc.perform(multipart(base + "/statement").file(file(HEADER + "topup-9,DEBIT,1234,100,SUCCEEDED,," + at
                        + "\ntopup-10,DEBIT,1234,-5,SUCCEEDED,," + at + "\n")).with(basic(finance)).with(csrf()))
                .andExpect(redirectedUrl(base))
                .andExpect(flash().attribute("problem", containsString("line 3")));
        assertThat(reconciliation.report(PartnerBank.NBCB, day).run()).isNull();

        mvc.perform(multipart(base + "/statement").param("csv", HEADER + "topup-9,DEBIT,1234,100,SUCCEEDED,," + at + "\n")
                        .with(basic(finance)).with(csrf()))
                .andExpect(flash().attribute("notice", containsString("Imported 1 statement lines")));
        mvc.perform(multipart(base + "/statement").file(file(HEADER)).with(basic(finance)).with(csrf()))
                .andExpect(flash().attribute("problem", containsString("imported already")));

        // Without htmx the run answers with the day's page.
        mvc.perform(post(base + "/run").with(basic(finance)).with(csrf())).andExpect(redirectedUrl(base));
        assertThat(reconciliation.report(PartnerBank.NBCB, day).items()).extracting(ReconItem::key)
                .contains("topup:9");
    }

    @Test
    void onlyFinanceAndAdminReachTheConsole() throws Exception {
        LocalDate day = nextMorning().minusDays(2);
        String base = "/admin/reconciliation/ABC/" + day;
        for (StaffRole role : new StaffRole[] {StaffRole.RISK, StaffRole.SUPPORT}) {
            StaffUser staff = users.staff(role);
            mvc.perform(get("/admin/reconciliation").with(basic(staff))).andExpect(status().isForbidden());
            mvc.perform(get(base).with(basic(staff))).andExpect(status().isForbidden());
            mvc.perform(get(base + "/progress").with(basic(staff))).andExpect(status().isForbidden());
            mvc.perform(get("/admin/reconciliation/report").with(basic(staff))).andExpect(status().isForbidden());
            mvc.perform(post(base + "/run").with(basic(staff)).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/admin/reconciliation/items/1/resolve").param("reason", "not mine to do")
                    .with(basic(staff)).with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(reconciliation.report(PartnerBank.ABC, day).run()).as("nothing ran").isNull();
        mvc.perform(get(base).with(basic(users.staff(StaffRole.ADMIN)))).andExpect(status().isOk());
        mvc.perform(get("/admin/reconciliation").param("bank", "abc").param("day", day.toString())
                .with(basic(users.staff(StaffRole.FINANCE)))).andExpect(redirectedUrl(base));
        mvc.perform(get("/admin/reconciliation/NOBANK/" + day).with(basic(users.staff(StaffRole.FINANCE))))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/reconciliation/ABC/yesterday").with(basic(users.staff(StaffRole.FINANCE))))
                .andExpect(status().isBadRequest());
    }

    private static MockMultipartFile file(String csv) {
        return new MockMultipartFile("file", "statement.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor basic(StaffUser staff) {
        return httpBasic(staff.username(), TestUsers.PASSWORD);
    }
}
