package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.TestAccount;
import io.lingqian.merchant.Actor;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.Onboarding;
import io.lingqian.partner.Applyment;
import io.lingqian.partner.ApplymentForm;
import io.lingqian.partner.ApplymentState;
import io.lingqian.partner.Applyments;
import io.lingqian.partner.Providers;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/**
 * An API applyment in the consoles: staff see it in the one review queue labelled as the provider's
 * shop and approve it over the admin console; the legal person, signed in nowhere, confirms and signs
 * through the sign link, and a made-up link is not found.
 */
@ServerTest
class ApplymentPagesTests {

    private static final Random RANDOM = new Random();

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired Providers providers;
    @Autowired Applyments applyments;
    @Autowired MerchantApplications applications;
    @Autowired MerchantAccounts accounts;

    @Test
    void staffApproveTheLabelledApplicationAndTheLegalPersonConfirmsAndSignsThroughTheLink() throws Exception {
        MerchantUser provider = providers.activeProvider();
        String providerName = accounts.merchant(provider.merchantId()).orElseThrow().name();
        Applyment submitted = applyments.submit(provider.merchantId(), form(), Actor.system("test"));
        assertThat(submitted.state()).isEqualTo(ApplymentState.ACCOUNT_NEED_VERIFY);
        String token = submitted.signToken().orElseThrow();
        String link = "/merchant/applyment/sign/" + token;

        mvc.perform(get(link)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Confirm and send for review")))
                .andExpect(content().string(Matchers.containsString(providerName)));
        mvc.perform(post(link + "/verify").with(csrf())).andExpect(redirectedUrl(link));
        assertThat(applyments.byApplymentId(provider.merchantId(), submitted.applymentId()).state())
                .isEqualTo(ApplymentState.AUDITING);

        long applicationId = applications.ofMerchant(submitted.subMerchantId()).orElseThrow().id();
        MockHttpSession support = staff(StaffRole.SUPPORT);
        mvc.perform(get("/admin/merchants/applications").param("state", "SUBMITTED").session(support))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Sub-merchant of " + providerName)));
        mvc.perform(get("/admin/merchants/applications/" + applicationId).session(support))
                .andExpect(content().string(Matchers.containsString("Sub-merchant of " + providerName)));
        mvc.perform(post("/admin/merchants/applications/" + applicationId + "/review").session(support).with(csrf()))
                .andExpect(redirectedUrl("/admin/merchants/applications/" + applicationId));
        mvc.perform(post("/admin/merchants/applications/" + applicationId + "/approve").session(support).with(csrf()))
                .andExpect(redirectedUrl("/admin/merchants/applications/" + applicationId));

        mvc.perform(get(link)).andExpect(content().string(Matchers.containsString("Sign the contract")));
        mvc.perform(post(link + "/sign").with(csrf())).andExpect(redirectedUrl(link));
        Applyment finished = applyments.byApplymentId(provider.merchantId(), submitted.applymentId());
        assertThat(finished.state()).isEqualTo(ApplymentState.FINISH);
        assertThat(finished.subMchid()).isEqualTo(accounts.merchant(submitted.subMerchantId()).orElseThrow().mchid());
        assertThat(accounts.merchant(submitted.subMerchantId()).orElseThrow().status()).isEqualTo(MerchantStatus.ACTIVE);
        assertThat(applications.history(applicationId)).extracting(e -> e.actor().name())
                .contains("legal person Wang Wu through the sign link");

        mvc.perform(get("/merchant/applyment/sign/" + "x".repeat(32))).andExpect(status().isNotFound());
        mvc.perform(post("/merchant/applyment/sign/" + "x".repeat(32) + "/sign").with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void closingTheShopsApplicationCancelsTheApplymentAndTheLinkCanNoLongerConfirm() throws Exception {
        MerchantUser provider = providers.activeProvider();
        Applyment submitted = applyments.submit(provider.merchantId(), form(), Actor.system("test"));
        String link = "/merchant/applyment/sign/" + submitted.signToken().orElseThrow();
        long applicationId = applications.ofMerchant(submitted.subMerchantId()).orElseThrow().id();
        applications.close(applicationId, "the shop gave up", Onboarding.REVIEWER);

        Applyment canceled = applyments.byApplymentId(provider.merchantId(), submitted.applymentId());
        assertThat(canceled.state()).isEqualTo(ApplymentState.CANCELED);
        assertThat(canceled.signToken()).isEmpty();
        mvc.perform(post(link + "/verify").with(csrf())).andExpect(redirectedUrl(link))
                .andExpect(flash().attribute("problem", Matchers.containsString("CANCELED cannot become AUDITING")));
        mvc.perform(get(link)).andExpect(content().string(Matchers.containsString("CANCELED")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Confirm and send for review"))));
        assertThat(applications.ofMerchant(submitted.subMerchantId()).orElseThrow().state())
                .isEqualTo(io.lingqian.merchant.ApplicationState.CLOSED);
    }

    private static ApplymentForm form() {
        String code = "PAGES" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String legalName = "Tea House Ltd. " + code;
        return new ApplymentForm(code, ApplymentForm.ContactType.SUPER, "Li Si", "11010519491231002X",
                "13912345678", "li@tea.example.cn", "SUBJECT_TYPE_ENTERPRISE", legalName, Onboarding.LICENCE,
                "Wang Wu", "Wang Wu", "11010519491231002X", "2019-06-06", "长期", "Tea House", "021-1234567",
                "https://tea.example.cn", "719", MerchantCategory.CATERING, PartnerBank.ICBC, legalName,
                TestAccount.ALWAYS_SUCCEEDS.number(RANDOM), List.of());
    }

    private MockHttpSession staff(StaffRole role) throws Exception {
        StaffUser user = users.staff(role);
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }
}
