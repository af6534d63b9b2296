package io.lingqian.accounting;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The ledger inside the server: chart of accounts, customer accounts, transactions, jobs and the staff API. */
@ServerTest
class AccountingTests {

    @Autowired Ledger ledger;
    @Autowired CustomerAccounts customerAccounts;
    @Autowired LedgerJobs jobs;
    @Autowired AdjustableClock clock;
    @Autowired TransactionTemplate transactions;
    @Autowired MockMvc mvc;
    @Autowired TestUsers users;

    @Test
    void theChartOfAccountsIsOpenWithItsFlags() {
        for (PlatformAccount p : PlatformAccount.all()) {
            Account a = ledger.account(p.id()).orElseThrow(() -> new AssertionError("missing " + p.reference()));
            assertThat(a.code()).isEqualTo(p.type().code());
            assertThat(a.reference()).isEqualTo(p.reference());
            assertThat(a.flags()).containsExactlyInAnyOrder(p.flags());
        }
        assertThat(ledger.account(PlatformAccount.bankReserve(PartnerBank.CMB).id()).orElseThrow().flags())
                .containsExactly(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
        assertThat(ledger.account(PlatformAccount.FEE_INCOME.id()).orElseThrow().flags())
                .containsExactly(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    }

    @Test
    void aWalletIsOpenedOnceHoweverOftenItIsAskedFor() {
        long userId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        long first = customerAccounts.openWallet(userId);
        assertThat(customerAccounts.openWallet(userId)).isEqualTo(first);
        Account wallet = ledger.account(first).orElseThrow();
        assertThat(wallet.reference()).isEqualTo("wallet:" + userId);
        assertThat(wallet.code()).isEqualTo(AccountType.USER_WALLET.code());
        assertThat(wallet.flags()).containsExactly(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        assertThat(first).isGreaterThanOrEqualTo(1_000_000L);
    }

    @Test
    void postingsRollBackWithTheBusinessTransactionTheyJoined() {
        long wallet = customerAccounts.openWallet(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
        String id = "test:" + UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            ledger.createTransfer(topUp(id, wallet, 500)).orThrow();
            throw new IllegalStateException("the business step after the posting failed");
        })).hasMessageContaining("business step");
        assertThat(ledger.transfer(id)).isEmpty();
        assertThat(ledger.account(wallet).orElseThrow().balances().creditBalance()).isZero();

        transactions.executeWithoutResult(status -> ledger.createTransfer(topUp(id, wallet, 500)).orThrow());
        assertThat(ledger.account(wallet).orElseThrow().balances().creditBalance()).isEqualTo(500);
    }

    @Test
    void theSweeperVoidsAHoldOnceTheClockPassesItsTimeout() {
        long wallet = customerAccounts.openWallet(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
        String suffix = UUID.randomUUID().toString();
        ledger.createTransfer(topUp("test:topup:" + suffix, wallet, 10_000)).orThrow();
        String hold = "test:hold:" + suffix;
        ledger.createTransfer(TransferRequest.pending(hold, wallet, PlatformAccount.TRANSFER_ESCROW.id(), 4_000,
                Ledger.CNY, TransferCode.TRANSFER.code(), 3_600, "test")).orThrow();
        assertThat(ledger.account(wallet).orElseThrow().balances().availableCredit()).isEqualTo(6_000);

        clock.advance(Duration.ofMinutes(59));
        jobs.voidExpiredHolds();
        assertThat(ledger.transfer(hold + "#expired")).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(jobs.voidExpiredHolds()).isGreaterThanOrEqualTo(1);
        assertThat(ledger.transfer(hold + "#expired")).isPresent();
        assertThat(ledger.account(wallet).orElseThrow().balances().availableCredit()).isEqualTo(10_000);
        assertThat(ledger.createTransfer(TransferRequest.post("test:post:" + suffix, hold)).result())
                .isEqualTo(CreateTransferResult.PENDING_TRANSFER_EXPIRED);
    }

    @Test
    void financeStaffRunTheInvariantCheckAndItsResultIsAMetric() throws Exception {
        String finance = users.staff(StaffRole.FINANCE).username();
        mvc.perform(post("/admin/api/ledger/checks").with(httpBasic(finance, TestUsers.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.violations").isEmpty())
                .andExpect(jsonPath("$.journal.firstBroken").isEmpty())
                .andExpect(jsonPath("$.accountsChecked").isNumber());
        mvc.perform(get("/admin/api/ledger/checks/latest").with(httpBasic(finance, TestUsers.PASSWORD)))
                .andExpect(status().isOk());
        String metrics = mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(metrics).containsPattern("(?m)^lingqian_ledger_invariants_ok(\\{[^}]*})? 1\\.0$");
    }

    @Test
    void staffWithoutAFinanceRoleCannotReadTheLedger() throws Exception {
        String support = users.staff(StaffRole.SUPPORT).username();
        mvc.perform(post("/admin/api/ledger/checks").with(httpBasic(support, TestUsers.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/admin/api/ledger/accounts/" + PlatformAccount.FEE_INCOME.id()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void financeStaffReadAnAccountAndItsStatement() throws Exception {
        String finance = users.staff(StaffRole.FINANCE).username();
        long wallet = customerAccounts.openWallet(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
        String suffix = UUID.randomUUID().toString();
        ledger.createTransfer(topUp("test:a:" + suffix, wallet, 1_234)).orThrow();
        ledger.createTransfer(topUp("test:b:" + suffix, wallet, 66)).orThrow();

        mvc.perform(get("/admin/api/ledger/accounts/" + wallet).with(httpBasic(finance, TestUsers.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("USER_WALLET"))
                .andExpect(jsonPath("$.balance").value(1_300));
        mvc.perform(get("/admin/api/ledger/accounts/" + wallet + "/statement").param("limit", "1")
                        .with(httpBasic(finance, TestUsers.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[0].transferId").value("test:a:" + suffix))
                .andExpect(jsonPath("$.lines[0].after.creditsPosted").value(1_234))
                .andExpect(jsonPath("$.nextAfterSeq").isNumber());
        mvc.perform(get("/admin/api/ledger/accounts/999999999999").with(httpBasic(finance, TestUsers.PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        mvc.perform(get("/admin/api/ledger/accounts/" + wallet + "/statement").param("limit", "5000")
                        .with(httpBasic(finance, TestUsers.PASSWORD)))
                .andExpect(status().isBadRequest());
    }

    private static TransferRequest topUp(String id, long wallet, long fen) {
        return TransferRequest.single(id, PlatformAccount.bankReserve(PartnerBank.CMB).id(), wallet, fen, Ledger.CNY,
                TransferCode.TOPUP.code(), id);
    }
}
