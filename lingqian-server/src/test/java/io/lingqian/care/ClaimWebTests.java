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



import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * Claims through the wallet REST API, the wallet pages and the admin console: a user reaches only
 * their own claims, SUPPORT sees a claim but cannot decide it, RISK approves and the user is paid,
 * and only FINANCE or ADMIN fill the fund.
 */
@ServerTest
class ClaimWebTests {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired TestPayers payers;
    @Autowired TestMerchants merchants;
    @Autowired CareFixtures fixtures;
    @Autowired Claims claims;
    @Autowired CompensationFund fund;
    @Autowired CustomerAccounts accounts;

    @Test
    void aUserFilesAndFollowsTheirOwnClaimOverTheApiAndCannotReachAnothersOrClaimAnothersBill() throws Exception {
        TestPayers.Payer victim = payers.withBalance(50_00);
        TestPayers.Payer other = payers.withBalance(50_00);
        PaymentOrder paid = fixtures.paidOrder(merchants.approved(), victim, 12_00);
        MockHttpSession victimSession = wallet(victim);
        MockHttpSession otherSession = wallet(other);
        String body = "{\"bills\":[\"payment:" + paid.transactionId() + "\"],\"description\":\"phone stolen\"}";

        mvc.perform(post("/api/wallet/claims").session(otherSession).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("bill_not_found"));
        String created = mvc.perform(post("/api/wallet/claims").session(victimSession).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("SUBMITTED"))
                .andExpect(jsonPath("$.claimedFen").value(12_00))
                .andReturn().getResponse().getHeader("Location");

        mvc.perform(get(created).session(victimSession)).andExpect(status().isOk());
        mvc.perform(get("/api/wallet/claims").session(victimSession))
                .andExpect(jsonPath("$[0].bills[0].reference").value("payment:" + paid.transactionId()));
        mvc.perform(get(created).session(otherSession))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        mvc.perform(get("/api/wallet/claims").session(otherSession)).andExpect(content().json("[]"));
        mvc.perform(get("/wallet" + created.substring("/api/wallet".length())).session(otherSession))
                .andExpect(status().isNotFound());
    }

    @Test
    void supportSeesAClaimButOnlyRiskDecidesItAndTheUserSeesThePayment() throws Exception {
        if (fund.balanceFen() < 100_00) {
            fixtures.payInCapital(100_00);
            fund.allocate(CareFixtures.unique(), 100_00, "staff:test");
        }
        TestPayers.Payer payer = payers.withBalance(30_00);
        PaymentOrder paid = fixtures.paidOrder(merchants.approved(), payer, 8_00);
        MockHttpSession walletSession = wallet(payer);
        mvc.perform(post("/wallet/claims").session(walletSession).with(csrf())
                        .param("bill", "payment:" + paid.transactionId()).param("description", "not me"))
                .andExpect(status().is3xxRedirection());
        Claim claim = claims.ofUser(payer.id()).get(0);
        MockHttpSession support = staff(StaffRole.SUPPORT);
        MockHttpSession finance = staff(StaffRole.FINANCE);
        MockHttpSession risk = staff(StaffRole.RISK);

        mvc.perform(get("/admin/care/claims/" + claim.id()).session(support))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("payment:" + paid.transactionId())));
        mvc.perform(post("/admin/care/claims/" + claim.id() + "/investigate").session(support).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/care/claims/" + claim.id()).session(finance)).andExpect(status().isForbidden());

        mvc.perform(post("/admin/care/claims/" + claim.id() + "/investigate").session(risk).with(csrf()))
                .andExpect(redirectedUrl("/admin/care/claims/" + claim.id()));
        mvc.perform(post("/admin/care/claims/" + claim.id() + "/approve").session(support).with(csrf())
                .param("amount", "8.00")).andExpect(status().isForbidden());
        assertThat(claims.ofUser(payer.id(), claim.id()).state()).isEqualTo(ClaimState.INVESTIGATING);
        mvc.perform(post("/admin/care/claims/" + claim.id() + "/approve").session(risk).with(csrf())
                .param("amount", "8.00")).andExpect(redirectedUrl("/admin/care/claims/" + claim.id()));

        assertThat(fixtures.balance(accounts.openWallet(payer.id()))).isEqualTo(30_00);
        mvc.perform(get("/wallet/claims/" + claim.id()).session(walletSession))
                .andExpect(content().string(Matchers.containsString("PAID")))
                .andExpect(content().string(Matchers.containsString("claim:" + claim.id())));
        mvc.perform(get("/admin/care/claims/" + claim.id()).session(support))
                .andExpect(content().string(Matchers.containsString("INVESTIGATING → APPROVED")));
    }

    @Test
    void onlyFinanceOrAdminAllocateToTheFundAndTheSameFormOnlyOnce() throws Exception {
        fixtures.payInCapital(10_00);
        long before = fund.balanceFen();
        String token = CareFixtures.unique();

        mvc.perform(post("/admin/care/fund/allocate").session(staff(StaffRole.RISK)).with(csrf())
                .param("token", token).param("amount", "5.00")).andExpect(status().isForbidden());
        MockHttpSession finance = staff(StaffRole.FINANCE);
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/admin/care/fund/allocate").session(finance).with(csrf())
                    .param("token", token).param("amount", "5.00")).andExpect(redirectedUrl("/admin/care/fund"));
        }
        assertThat(fund.balanceFen()).isEqualTo(before + 5_00);
        assertThat(fund.recentAllocations(50)).extracting(FundAllocation::requestKey).contains(token);
    }

    private MockHttpSession wallet(TestPayers.Payer payer) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/wallet/login").user("mobile", payer.user().mobile())
                        .password(TestUsers.PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andReturn().getRequest().getSession(false);
    }

    private MockHttpSession staff(StaffRole role) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(users.staff(role).username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }

}
