package io.lingqian.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.audit.AuditLog;
import io.lingqian.bank.CardType;
import io.lingqian.bank.StatementFaults;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.TopUp;
import io.lingqian.wallet.TopUps;

/**
 * The end-of-day close: a day with a top-up the bank's statement dropped closes with every step's
 * result (ledger checked and chain heads published, statistics, settlement, reconciliation needing
 * attention); closing it again gives the same report; a past day can be closed and re-closed; staff
 * close a day from the console and read the report; other roles cannot.
 */
@ServerTest
class EndOfDayTests {

    @Autowired EndOfDay endOfDay;
    @Autowired MockMvc mvc;
    @Autowired AdjustableClock clock;
    @Autowired StatementFaults faults;
    @Autowired TestPayers payers;
    @Autowired TopUps topUps;
    @Autowired AuditLog audit;
    @Autowired TestUsers users;

    private LocalDate nextMorning() {
        ZonedDateTime now = clock.instant().atZone(EndOfDay.CST);
        ZonedDateTime ten = now.toLocalDate().plusDays(1).atTime(10, 0).atZone(EndOfDay.CST);
        clock.advance(Duration.between(now, ten));
        return ten.toLocalDate();
    }

    @Test
    void closingADayTwiceGivesTheSameReportAndAPastDayCanBeClosedAgain() {
        LocalDate day = nextMorning();
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.PAB, CardType.DEBIT);
        TopUp dropped = topUps.topUp(payer.id(), card, 77_00, "t-" + UUID.randomUUID());
        faults.drop("topup-" + dropped.id());
        try {
            clock.advance(Duration.ofDays(1));
            EndOfDay.DayReport first = endOfDay.close(day, "test");

            assertThat(first.steps()).extracting(EndOfDay.Step::name)
                    .containsExactly("LEDGER", "STATISTICS", "SETTLEMENT", "RECONCILIATION");
            EndOfDay.Step ledger = first.steps().get(0);
            assertThat(ledger.status()).isEqualTo(EndOfDay.Status.OK);
            assertThat(ledger.lines()).contains("Invariants: all hold (balanced, totals, limits, holds).",
                    "Journal: every hash chain intact.");
            assertThat(ledger.lines()).anyMatch(l -> l.matches("Chain \\d+ head at the end of the day: #\\d+ [0-9a-f]{64}"));
            assertThat(first.steps().get(1).lines()).anyMatch(l -> l.startsWith("Top-up: "));
            EndOfDay.Step recon = first.steps().get(3);
            assertThat(recon.status()).as("the dropped line is an open difference").isEqualTo(EndOfDay.Status.ATTENTION);
            assertThat(recon.lines()).hasSize(PartnerBank.values().length)
                    .anyMatch(l -> l.startsWith("PAB: ") && !l.contains(" (0 open)"));
            assertThat(first.state()).isEqualTo(EndOfDay.Status.ATTENTION);
            assertThat(first.runs()).isEqualTo(1);

            EndOfDay.DayReport second = endOfDay.close(day, "test");
            assertThat(second.steps()).isEqualTo(first.steps());
            assertThat(second.state()).isEqualTo(first.state());
            assertThat(second.runs()).isEqualTo(2);

            // A past day, closed after a later one, and closed again.
            LocalDate past = day.minusDays(5);
            EndOfDay.DayReport pastReport = endOfDay.close(past, "test");
            assertThat(pastReport.day()).isEqualTo(past);
            assertThat(endOfDay.close(past, "test").steps()).isEqualTo(pastReport.steps());
            assertThat(endOfDay.report(day).orElseThrow().steps()).isEqualTo(first.steps());
            assertThat(endOfDay.recent(400)).extracting(EndOfDay.DayReport::day).contains(day, past);

            assertThatThrownBy(() -> endOfDay.close(day.plusDays(1), "test"))
                    .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("day_not_over"));
        } finally {
            faults.clear("topup-" + dropped.id());
        }
    }

    @Test
    void financeClosesADayFromTheConsoleAndReadsTheReport() throws Exception {
        LocalDate day = nextMorning().minusDays(30);
        StaffUser finance = users.staff(StaffRole.FINANCE);
        mvc.perform(post("/admin/end-of-day").param("day", day.toString())
                        .with(httpBasic(finance.username(), TestUsers.PASSWORD)).with(csrf()))
                .andExpect(redirectedUrl("/admin/end-of-day/" + day))
                .andExpect(flash().attribute("notice", containsString("Closed " + day)));
        String page = mvc.perform(get("/admin/end-of-day/" + day).with(httpBasic(finance.username(), TestUsers.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"step-LEDGER\"", "id=\"step-STATISTICS\"", "id=\"step-SETTLEMENT\"",
                "id=\"step-RECONCILIATION\"", "Journal: every hash chain intact.", "by " + finance.displayName());
        assertThat(mvc.perform(get("/admin/end-of-day").with(httpBasic(finance.username(), TestUsers.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("/admin/end-of-day/" + day);
        assertThat(audit.search(new AuditLog.Filter(finance.displayName(), "END_OF_DAY_CLOSED", null, null), 10))
                .anySatisfy(e -> assertThat(e.subject()).isEqualTo("day:" + day));

        LocalDate today = LocalDate.now(clock.withZone(EndOfDay.CST));
        mvc.perform(post("/admin/end-of-day/" + today + "/close").with(httpBasic(finance.username(), TestUsers.PASSWORD))
                        .with(csrf()))
                .andExpect(flash().attribute("problem", containsString("not over yet")));

        StaffUser risk = users.staff(StaffRole.RISK);
        mvc.perform(get("/admin/end-of-day").with(httpBasic(risk.username(), TestUsers.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/end-of-day/" + day + "/close").with(httpBasic(risk.username(), TestUsers.PASSWORD))
                .with(csrf())).andExpect(status().isForbidden());
    }
}
