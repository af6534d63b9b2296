package io.lingqian.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.Ledger;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** With a deposit configured (2014's 20,000 CNY), a signed merchant is active only once FINANCE records it. */
@ServerTest
@TestPropertySource(properties = "lingqian.merchant.deposit-fen=2000000")
class MerchantDepositTests {

    private static final long DEPOSIT = 20_000_00;

    @Autowired MerchantApplications applications;
    @Autowired MerchantAccounts accounts;
    @Autowired Onboarding onboarding;
    @Autowired Ledger ledger;
    @Autowired MerchantProperties properties;
    @Autowired TestUsers users;
    @Autowired MockMvc mvc;

    @Test
    void theDepositIsMovedFromTheBankReserveToTheMerchantExactlyOnceAndThenTheMerchantIsActive() throws Exception {
        MerchantUser user = onboarding.submitted();
        long merchantId = user.merchantId();
        long app = onboarding.applicationOf(user).id();
        assertThatThrownBy(() -> applications.recordDepositReceived(app, Onboarding.REVIEWER))
                .as("nothing is owed before approval and signing")
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("no_deposit_due"));
        applications.startReview(app, Onboarding.REVIEWER);
        applications.approve(app, Onboarding.REVIEWER, "fine");
        assertThat(onboarding.applicationOf(user).depositFen()).isEqualTo(DEPOSIT);

        MerchantApplication signed = applications.signContract(merchantId, Actor.merchantUser(user.id(), "owner"));
        assertThat(signed.state()).isEqualTo(ApplicationState.CONTRACT_SIGNED);
        assertThat(accounts.merchant(merchantId).orElseThrow().status()).isEqualTo(MerchantStatus.APPLYING);
        assertThat(ledger.accountByReference(CustomerAccounts.merchantDepositReference(merchantId))).isEmpty();

        long reserveBefore = reserve().debitBalance();
        MockHttpSession finance = staff(StaffRole.FINANCE);
        mvc.perform(post("/admin/merchants/applications/" + app + "/deposit").session(finance).with(csrf()))
                .andExpect(redirectedUrl("/admin/merchants/" + merchantId + "/fees"))
                .andExpect(flash().attribute("notice", "Deposit recorded; the merchant is active."));

        assertThat(accounts.merchant(merchantId).orElseThrow().status()).isEqualTo(MerchantStatus.ACTIVE);
        assertThat(onboarding.applicationOf(user).state()).isEqualTo(ApplicationState.ACTIVE);
        assertThat(deposit(merchantId).creditBalance()).isEqualTo(DEPOSIT);
        assertThat(reserve().debitBalance() - reserveBefore).as("the deposit is at the platform's bank")
                .isEqualTo(DEPOSIT);
        assertThat(applications.history(app)).last().satisfies(e -> {
            assertThat(e.to()).isEqualTo(ApplicationState.ACTIVE);
            assertThat(e.reason()).contains("deposit of 2000000 fen received");
        });

        mvc.perform(post("/admin/merchants/applications/" + app + "/deposit").session(finance).with(csrf()))
                .andExpect(flash().attributeExists("problem"));
        assertThatThrownBy(() -> applications.recordDepositReceived(app, Onboarding.REVIEWER))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("no_deposit_due"));
        assertThat(deposit(merchantId).creditBalance()).as("recorded once").isEqualTo(DEPOSIT);
        assertThat(reserve().debitBalance()).isEqualTo(reserveBefore + DEPOSIT);
        assertThat(ledger.transfersByReference("merchant:" + merchantId)).hasSize(1);
    }

    private Balances deposit(long merchantId) {
        return ledger.accountByReference(CustomerAccounts.merchantDepositReference(merchantId)).orElseThrow().balances();
    }

    private Balances reserve() {
        return ledger.account(PlatformAccount.bankReserve(properties.bank()).id()).orElseThrow().balances();
    }

    private MockHttpSession staff(StaffRole role) throws Exception {
        StaffUser user = users.staff(role);
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }
}
