package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.bank.TestAccount;
import io.lingqian.merchant.ApplicationState;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.Onboarding;
import io.lingqian.partner.Providers;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.partner.SubMerchant;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/**
 * The provider's portal section: a provider onboards a shop, fills in and submits its application
 * (field errors shown per field), staff approve it in the ordinary queue, the provider signs and the
 * shop has its sub_mchid; another provider reaches none of it.
 */
@ServerTest
class PartnerPagesTests {

    @Autowired MockMvc mvc;
    @Autowired Providers providers;
    @Autowired ServiceProviders serviceProviders;
    @Autowired MerchantApplications applications;
    @Autowired Onboarding onboarding;

    @Test
    void aProviderOnboardsAShopWhichStaffApproveAndTheProviderSigns() throws Exception {
        MerchantUser provider = providers.activeProvider();
        MockHttpSession session = signIn(provider.email());
        String code = "SHOP" + UUID.randomUUID().toString().substring(0, 8);

        String location = mvc.perform(post("/merchant/partner/sub-merchants").session(session).with(csrf())
                        .param("shopName", "Noodle Corner").param("businessCode", code))
                .andExpect(redirectedUrlPattern("/merchant/partner/sub-merchants/*"))
                .andReturn().getResponse().getRedirectedUrl();
        long subId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        mvc.perform(post(location + "/application").session(session).with(csrf()).param("action", "submit")
                        .param("legalName", "Noodle Corner Ltd").param("contactPhone", "12345"))
                .andExpect(redirectedUrl(location))
                .andExpect(flash().attribute("errors", Matchers.hasKey("contactPhone")));
        var form = Onboarding.completeForm("Noodle Corner Ltd", TestAccount.ALWAYS_SUCCEEDS.number(new java.util.Random()));
        mvc.perform(post(location + "/application").session(session).with(csrf()).param("action", "submit")
                        .param("legalName", form.legalName()).param("shortName", form.shortName())
                        .param("contactName", form.contactName()).param("contactPhone", form.contactPhone())
                        .param("contactEmail", form.contactEmail()).param("category", MerchantCategory.CATERING.name())
                        .param("licenceNumber", form.licenceNumber())
                        .param("legalRepresentative", form.legalRepresentative()).param("siteUrl", form.siteUrl())
                        .param("bankName", form.bankName()).param("bankAccountName", form.bankAccountName())
                        .param("bankAccountNumber", form.bankAccountNumber()))
                .andExpect(flash().attribute("notice", "Submitted for review."));

        assertThat(applications.queue(ApplicationState.SUBMITTED)).as("in the staff's ordinary queue")
                .anyMatch(a -> a.merchantId() == subId);
        providers.approve(subId);
        mvc.perform(post(location + "/contract").session(session).with(csrf()))
                .andExpect(flash().attribute("notice", "Contract signed for the shop."));

        SubMerchant sub = serviceProviders.ownSubMerchant(provider.merchantId(), subId);
        assertThat(sub.applicationState()).isEqualTo(ApplicationState.ACTIVE);
        assertThat(sub.subMchid()).isPresent();
        mvc.perform(get("/merchant/partner").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Noodle Corner")))
                .andExpect(content().string(Matchers.containsString(sub.subMchid().get())));
    }

    @Test
    void anotherProviderCanNeitherSeeNorChangeTheShop() throws Exception {
        MerchantUser provider = providers.activeProvider();
        SubMerchant sub = providers.submittedSubMerchant(provider, MerchantCategory.RETAIL);
        MerchantUser other = providers.activeProvider();
        MockHttpSession session = signIn(other.email());

        mvc.perform(get("/merchant/partner/sub-merchants/" + sub.merchantId()).session(session))
                .andExpect(status().isNotFound());
        mvc.perform(post("/merchant/partner/sub-merchants/" + sub.merchantId() + "/contract").session(session)
                .with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/merchant/partner").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(sub.name()))));
        assertThat(serviceProviders.subMerchantsOf(other.merchantId())).isEmpty();
        assertThat(serviceProviders.subMerchantsOf(provider.merchantId())).extracting(SubMerchant::merchantId)
                .containsExactly(sub.merchantId());
    }

    @Test
    void aMerchantDeclaresItsDraftApplicationAProvidersButCannotOnboardShopsBeforeItIsActive() throws Exception {
        MerchantUser applicant = onboarding.signedUp();
        MockHttpSession session = signIn(applicant.email());
        mvc.perform(post("/merchant/partner/declare").session(session).with(csrf()))
                .andExpect(redirectedUrl("/merchant/partner"));
        assertThat(serviceProviders.isProvider(applicant.merchantId())).isTrue();
        assertThat(serviceProviders.isActiveProvider(applicant.merchantId())).isFalse();

        mvc.perform(post("/merchant/partner/sub-merchants").session(session).with(csrf())
                        .param("shopName", "Nope").param("businessCode", "nope1"))
                .andExpect(redirectedUrl("/merchant/partner"))
                .andExpect(flash().attribute("problem", Matchers.containsString("active service provider")));
        assertThat(serviceProviders.subMerchantsOf(applicant.merchantId())).isEqualTo(List.of());
    }

    private MockHttpSession signIn(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
