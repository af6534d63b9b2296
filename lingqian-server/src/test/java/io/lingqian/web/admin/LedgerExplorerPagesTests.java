package io.lingqian.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.Withdrawals;

/**
 * The ledger explorer: finance staff find a wallet by reference, mobile and name, read its balances
 * and its statement with running balances (paged and as CSV), open a withdrawal's transfer with its
 * batch, hold and business object, see the platform accounts and run the invariant check; other
 * roles are refused.
 */
@ServerTest
class LedgerExplorerPagesTests {

    @Autowired MockMvc mvc;
    @Autowired TestPayers payers;
    @Autowired Withdrawals withdrawals;
    @Autowired Ledger ledger;
    @Autowired AdjustableClock clock;
    @Autowired TestUsers users;

    @Test
    void financeFindsAWalletReadsItsStatementAndOpensATransferWithItsBatch() throws Exception {
        TestPayers.Payer payer = payers.withBalance(50_00);
        long card = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.CMB, CardType.DEBIT);
        long withdrawal = withdrawals.withdraw(payer.id(), payer.deviceId(), card, 20_00, "w-" + UUID.randomUUID(),
                TestPayers.PAY_PASSWORD).id();
        Account wallet = ledger.accountByReference("wallet:" + payer.id()).orElseThrow();
        long remaining = wallet.balances().creditBalance();
        StaffUser finance = users.staff(StaffRole.FINANCE);

        for (String query : List.of("wallet:" + payer.id(), payer.user().mobile(), String.valueOf(wallet.id()),
                payer.user().displayName())) {
            assertThat(page("/admin/ledger?q=" + query, finance)).as(query)
                    .contains("/admin/ledger/accounts/" + wallet.id(), "wallet user " + payer.id());
        }
        assertThat(page("/admin/ledger?q=wallet:no-such-owner", finance)).contains("No account found.");
        assertThat(page("/admin/ledger", finance)).contains("id=\"platform-accounts\"", "platform:fee_income",
                "platform:bank_reserve:CMB");

        String account = page("/admin/ledger/accounts/" + wallet.id(), finance);
        assertThat(account).contains("id=\"balance-posted\">" + io.lingqian.wallet.Yuan.format(remaining) + "<",
                "id=\"balance-available\">" + io.lingqian.wallet.Yuan.format(remaining) + "<");
        Statement statement = ledger.statement(wallet.id(), 0, 100);
        assertThat(account).contains("50.00", io.lingqian.wallet.Yuan.format(remaining));
        statement.lines().forEach(l -> assertThat(account).contains(l.transferId()));
        // The next page starts after the first line and opens with the balance after it.
        Statement.Line first = statement.lines().get(0);
        String second = page("/admin/ledger/accounts/" + wallet.id() + "?after=" + first.seq(), finance);
        assertThat(second).doesNotContain(">" + first.transferId() + "<").contains("id=\"opening\">50.00<");

        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        String csv = page("/admin/ledger/accounts/" + wallet.id() + "/statement.csv?from=" + today.minusDays(1)
                + "&to=" + today, finance);
        assertThat(csv).startsWith("seq,transfer_id,at,kind,side,code,reference,counterparty,amount_cny,balance_cny")
                .contains(",50.00,50.00\r\n", "," + java.math.BigDecimal.valueOf(remaining, 2).toPlainString() + "\r\n");

        // The withdrawal: its hold was written in one batch with the debit and the fee, and posted later.
        Transfer hold = ledger.transfersByReference("withdrawal:" + withdrawal).stream()
                .filter(t -> t.kind() == TransferKind.PENDING).findFirst().orElseThrow();
        String transfer = page("/admin/ledger/transfers/" + hold.id(), finance);
        List<Transfer> sameBatch = ledger.transfersByReference("withdrawal:" + withdrawal).stream()
                .filter(t -> t.seq() / 8192 == hold.seq() / 8192).toList();
        assertThat(sameBatch).hasSizeGreaterThan(1);
        sameBatch.forEach(t -> assertThat(transfer).contains(t.id()));
        assertThat(transfer).contains("id=\"hold-resolution\"", "withdrawal</span>", "WITHDRAWAL_IN_TRANSIT".toLowerCase());
        mvc.perform(get("/admin/ledger/transfers").param("id", hold.id()).with(basic(finance)))
                .andExpect(redirectedUrl("/admin/ledger/transfers/" + hold.id().replace(":", "%3A")));
        mvc.perform(get("/admin/ledger/transfers/no-such-transfer").with(basic(finance)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/ledger/accounts/999999999999").with(basic(finance))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/ledger/accounts/" + wallet.id() + "/statement.csv?from=2020-01-01&to=2024-01-01")
                .with(basic(finance))).andExpect(status().isBadRequest());
    }

    @Test
    void staffRunTheInvariantCheckAndSeeItsResult() throws Exception {
        StaffUser admin = users.staff(StaffRole.ADMIN);
        mvc.perform(post("/admin/ledger/checks").with(basic(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/ledger"))
                .andExpect(flash().attribute("notice", containsString("every journal chain is intact")));
        assertThat(page("/admin/ledger", admin)).contains("id=\"check-result\">OK<", "every chain intact");
    }

    @Test
    void onlyFinanceAndAdminOpenTheLedger() throws Exception {
        for (StaffRole role : new StaffRole[] {StaffRole.RISK, StaffRole.SUPPORT}) {
            StaffUser staff = users.staff(role);
            for (String path : List.of("/admin/ledger", "/admin/ledger?q=platform:", "/admin/ledger/accounts/4001",
                    "/admin/ledger/accounts/4001/statement.csv?from=2026-01-01&to=2026-01-02",
                    "/admin/ledger/transfers/x")) {
                mvc.perform(get(path).with(basic(staff))).andExpect(status().isForbidden());
            }
            mvc.perform(post("/admin/ledger/checks").with(basic(staff)).with(csrf())).andExpect(status().isForbidden());
        }
    }

    private String page(String path, StaffUser staff) throws Exception {
        return mvc.perform(get(path).with(basic(staff))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static RequestPostProcessor basic(StaffUser staff) {
        return httpBasic(staff.username(), TestUsers.PASSWORD);
    }
}
