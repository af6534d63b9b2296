package io.lingqian.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.audit.AuditLog;
import io.lingqian.bank.CardType;
import io.lingqian.bank.StatementFaults;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Transfer;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.MoneyStatus;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.TopUp;
import io.lingqian.wallet.TopUps;
import io.lingqian.wallet.Withdrawals;

/**
 * A day at two banks whose statements drop, duplicate and re-amount lines, with top-ups whose outcome
 * was unknown: every difference is found and classified, a re-run finds the same, a resolution is a
 * correcting transfer with an audit record and leaves the ledger balanced, bad statements change nothing.
 */
@ServerTest
class ReconciliationTests {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    @Autowired MockMvc mvc;
    @Autowired AdjustableClock clock;
    @Autowired Reconciliation reconciliation;
    @Autowired StatementFaults faults;
    @Autowired TestPayers payers;
    @Autowired TopUps topUps;
    @Autowired Withdrawals withdrawals;
    @Autowired Ledger ledger;
    @Autowired LedgerJobs ledgerJobs;
    @Autowired AuditLog audit;
    @Autowired TestUsers users;

    private LocalDate nextMorning() {
        ZonedDateTime now = clock.instant().atZone(CST);
        ZonedDateTime ten = now.toLocalDate().plusDays(1).atTime(10, 0).atZone(CST);
        clock.advance(Duration.between(now, ten));
        return ten.toLocalDate();
    }

    @Test
    void everyDifferenceIsFoundClassifiedResolvedAndARerunFindsTheSame() throws Exception {
        LocalDate day = nextMorning();
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.CMB, CardType.DEBIT);
        long slowCard = payers.bindCard(payer, TestCard.TIMEOUT_THEN_SUCCEEDS, PartnerBank.CMB, CardType.DEBIT);
        long otherBankSlowCard = payers.bindCard(payer, TestCard.TIMEOUT_THEN_SUCCEEDS, PartnerBank.CCB, CardType.DEBIT);
        TopUp fine = topUp(payer, card, 100_00);
        TopUp dropped = topUp(payer, card, 11_00);
        TopUp doubled = topUp(payer, card, 12_00);
        TopUp reAmounted = topUp(payer, card, 13_00);
        TopUp unknown = topUp(payer, slowCard, 14_00);
        TopUp stillOpen = topUp(payer, otherBankSlowCard, 15_00);
        assertThat(unknown.status()).isEqualTo(MoneyStatus.PROCESSING);
        long withdrawal = withdrawals.withdraw(payer.id(), payer.deviceId(), card, 20_00, "w-" + UUID.randomUUID(),
                TestPayers.PAY_PASSWORD).id();
        faults.drop("topup-" + dropped.id());
        faults.duplicate("topup-" + doubled.id());
        faults.changeAmount("topup-" + reAmounted.id(), 14_00);
        faults.drop("topup-" + stillOpen.id());
        try {
            clock.advance(Duration.ofDays(1));

            // The other bank's line was dropped: the statement decides nothing, so the outcome stays unknown.
            Reconciliation.DayReport ccb = reconciliation.run(PartnerBank.CCB, day);
            assertThat(ccb.items()).filteredOn(i -> i.key().equals("topup:" + stillOpen.id()))
                    .extracting(ReconItem::difference, ReconItem::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Difference.UNKNOWN_OUTCOME, ItemState.OPEN));

            Reconciliation.DayReport first = reconciliation.run(PartnerBank.CMB, day);
            Map<String, ReconItem> mine = mine(first, fine, dropped, doubled, reAmounted, unknown);
            assertThat(mine.keySet()).as("matched: the plain top-up and the withdrawal")
                    .doesNotContain("topup:" + fine.id(), "withdrawal:" + withdrawal);
            assertThat(mine.get("topup:" + dropped.id())).extracting(ReconItem::difference, ReconItem::bankFen,
                    ReconItem::ledgerFen, ReconItem::state)
                    .containsExactly(Difference.MISSING_AT_BANK, 0L, 11_00L, ItemState.OPEN);
            assertThat(mine.get("topup:" + doubled.id())).extracting(ReconItem::difference, ReconItem::bankFen,
                    ReconItem::ledgerFen).containsExactly(Difference.MISSING_ON_OUR_SIDE, 24_00L, 12_00L);
            assertThat(mine.get("topup:" + reAmounted.id())).extracting(ReconItem::difference, ReconItem::bankFen,
                    ReconItem::ledgerFen).containsExactly(Difference.AMOUNT_MISMATCH, 14_00L, 13_00L);
            assertThat(mine.get("topup:" + unknown.id())).extracting(ReconItem::difference, ReconItem::state)
                    .containsExactly(Difference.UNKNOWN_OUTCOME, ItemState.AUTO_RESOLVED);
            assertThat(topUps.topUp(payer.id(), unknown.id()).status()).as("settled from the bank's answer")
                    .isEqualTo(MoneyStatus.SUCCEEDED);
            assertThat(first.run().state()).isEqualTo("DONE");
            assertThat(first.run().percent()).isEqualTo(100);

            // Re-running the day reads the stored statement and finds exactly the same.
            Reconciliation.DayReport again = reconciliation.run(PartnerBank.CMB, day);
            assertThat(again.items()).isEqualTo(first.items());
            assertThat(again.run().differences()).isEqualTo(first.run().differences());
            assertThat(again.run().matched()).isEqualTo(first.run().matched());

            // Resolving the amount mismatch: a correcting transfer of the difference, and an audit record.
            var finance = users.staff(StaffRole.FINANCE);
            ReconItem mismatch = mine.get("topup:" + reAmounted.id());
            long reserveBefore = debitBalance(PlatformAccount.bankReserve(PartnerBank.CMB).id());
            String answer = mvc.perform(post("/admin/api/reconciliation/items/" + mismatch.id() + "/resolve")
                            .with(httpBasic(finance.username(), TestUsers.PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reason\":\"Bank charged 1.00 more; claim opened with CMB\"}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("RESOLVED"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(answer).contains("recon:" + mismatch.id() + ":correction");
            Transfer correction = ledger.transfer("recon:" + mismatch.id() + ":correction").orElseThrow();
            assertThat(correction.code()).isEqualTo(TransferCode.ADJUSTMENT.code());
            assertThat(correction.amount()).isEqualTo(1_00);
            assertThat(correction.debitAccountId()).isEqualTo(PlatformAccount.bankReserve(PartnerBank.CMB).id());
            assertThat(correction.creditAccountId()).isEqualTo(PlatformAccount.bankClearing(PartnerBank.CMB).id());
            assertThat(debitBalance(PlatformAccount.bankReserve(PartnerBank.CMB).id())).isEqualTo(reserveBefore + 1_00);
            assertThat(audit.search(new AuditLog.Filter(null, "RECONCILIATION_RESOLVED", null, null), 50))
                    .anySatisfy(e -> {
                        assertThat(e.subject()).isEqualTo("recon-item:" + mismatch.id());
                        assertThat(e.actorId()).isEqualTo(finance.id());
                        assertThat(e.detail()).contains("claim opened with CMB");
                    });
            assertThat(reconciliation.resolve(mismatch.id(), "Bank charged 1.00 more; claim opened with CMB",
                    finance.id(), "x").correctionId()).as("a repeat answers the same").isEqualTo(correction.id());
            assertThat(code(() -> reconciliation.resolve(mismatch.id(), "another reason", finance.id(), "x")))
                    .isEqualTo("item_not_open");
            assertThat(code(() -> reconciliation.resolve(
                    ccb.items().stream().filter(i -> i.key().equals("topup:" + stillOpen.id())).findFirst()
                            .orElseThrow().id(), "cannot guess", finance.id(), "x"))).isEqualTo("outcome_pending");
            assertThat(code(() -> reconciliation.resolve(mine.get("topup:" + dropped.id()).id(), "no", finance.id(),
                    "x"))).isEqualTo("validation_failed");

            // A re-run keeps the resolution and adds nothing.
            Reconciliation.DayReport afterResolution = reconciliation.run(PartnerBank.CMB, day);
            assertThat(afterResolution.items()).hasSameSizeAs(first.items());
            assertThat(afterResolution.items()).filteredOn(i -> i.id() == mismatch.id())
                    .extracting(ReconItem::state).containsExactly(ItemState.RESOLVED);
            assertThat(ledgerJobs.checkInvariants().ok()).as("the ledger stays balanced").isTrue();

            // A second statement for the day is refused, with nothing changed.
            assertThat(code(() -> reconciliation.importFile(PartnerBank.CMB, day,
                    "operation_id,kind,last4,amount_fen,status,failure_code,completed_at\n")))
                    .isEqualTo("statement_duplicate");
            // A finance script gets problem+json; other roles are refused.
            mvc.perform(post("/admin/api/reconciliation/CMB/" + day + "/runs")
                    .with(httpBasic(users.staff(StaffRole.RISK).username(), TestUsers.PASSWORD)))
                    .andExpect(status().isForbidden());
        } finally {
            for (TopUp t : List.of(dropped, doubled, reAmounted, stillOpen)) {
                faults.clear("topup-" + t.id());
            }
        }
    }

    @Test
    void aMalformedStatementIsRefusedWithItsLineAndNothingIsImported() throws Exception {
        LocalDate day = nextMorning().minusDays(400);
        // An operation our side never had (the shared database may well hold a top-up 1, made by any test).
        String at = day.atTime(12, 0).atZone(CST).toInstant().toString();
        String header = "operation_id,kind,last4,amount_fen,status,failure_code,completed_at\n";
        var finance = users.staff(StaffRole.FINANCE);
        mvc.perform(post("/admin/api/reconciliation/PAB/" + day + "/statement")
                        .with(httpBasic(finance.username(), TestUsers.PASSWORD))
                        .contentType("text/csv")
                        .content(header + "topup-987654321987,DEBIT,1234,100,SUCCEEDED,," + at + "\ntopup-987654321988,DEBIT,1234,ten,SUCCEEDED,," + at + "\n"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("statement_malformed"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("line 3")));
        assertThat(code(() -> reconciliation.importFile(PartnerBank.PAB, day,
                header + "topup-987654321987,DEBIT,1234,100,SUCCEEDED,," + day.minusDays(1).atTime(12, 0).atZone(CST).toInstant()
                        + "\n"))).isEqualTo("statement_malformed");
        assertThat(code(() -> reconciliation.importFile(PartnerBank.PAB, day, header
                + "topup-987654321987,DEBIT,1234,0,SUCCEEDED,," + at + "\n"))).isEqualTo("statement_malformed");
        assertThat(reconciliation.report(PartnerBank.PAB, day).run()).isNull();

        assertThat(reconciliation.importFile(PartnerBank.PAB, day, header + "topup-987654321987,DEBIT,1234,100,SUCCEEDED,," + at
                + "\n")).isEqualTo(1);
        Reconciliation.DayReport report = reconciliation.run(PartnerBank.PAB, day);
        assertThat(report.items()).extracting(ReconItem::key, ReconItem::difference)
                .contains(org.assertj.core.groups.Tuple.tuple("topup:987654321987", Difference.MISSING_ON_OUR_SIDE));
        assertThat(code(() -> reconciliation.run(PartnerBank.PAB, LocalDate.now(clock.withZone(CST)))))
                .isEqualTo("day_not_over");
    }

    private TopUp topUp(TestPayers.Payer payer, long card, long fen) {
        return topUps.topUp(payer.id(), card, fen, "t-" + UUID.randomUUID());
    }

    private static Map<String, ReconItem> mine(Reconciliation.DayReport report, TopUp... topUps) {
        List<String> keys = java.util.Arrays.stream(topUps).map(t -> "topup:" + t.id()).toList();
        return report.items().stream().filter(i -> keys.contains(i.key()))
                .collect(Collectors.toMap(ReconItem::key, Function.identity()));
    }

    private long debitBalance(long account) {
        return ledger.account(account).orElseThrow().balances().debitBalance();
    }

    private static String code(Runnable action) {
        try {
            action.run();
        } catch (ApiProblemException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }
}
