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
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.AppSecret;
import io.lingqian.merchant.ApplicationState;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantFees;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.Onboarding;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** The portal's and admin console's onboarding pages, and who may use them. */
@ServerTest
class MerchantPagesTests {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired Onboarding onboarding;
    @Autowired MerchantApplications applications;
    @Autowired MerchantAccounts accounts;
    @Autowired MerchantApps apps;
    @Autowired MerchantFees fees;

    @Test
    void aNewMerchantSignsUpFillsInTheApplicationAndSeesFieldErrors() throws Exception {
        String email = UUID.randomUUID().toString().substring(0, 10) + "@pages.test";
        mvc.perform(post("/merchant/signup").with(csrf()).param("companyName", "Pages Test Shop")
                        .param("email", email).param("displayName", "Owner").param("password", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("At least 8 characters.")));
        mvc.perform(post("/merchant/signup").with(csrf()).param("companyName", "Pages Test Shop")
                        .param("email", email).param("displayName", "Owner").param("password", TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant/login?signedUp"));
        MockHttpSession session = signIn(email);

        mvc.perform(post("/merchant/application").session(session).with(csrf()).param("action", "submit")
                        .param("legalName", "Pages Test Shop Ltd").param("licenceNumber", "91310000MA1FL0000M"))
                .andExpect(redirectedUrl("/merchant/application"))
                .andExpect(flash().attribute("errors", Matchers.hasKey("licenceNumber")));
        mvc.perform(get("/merchant/application").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("DRAFT")));
    }

    @Test
    void aMerchantCannotReachAnotherMerchantsAppsOrSettlements() throws Exception {
        Merchant a = onboarding.active();
        Merchant b = onboarding.active();
        MerchantUser userA = accounts.addPortalUser(a.id(), UUID.randomUUID() + "@a.test", "A", TestUsers.PASSWORD);
        AppSecret appOfB = apps.register(b.id(), AppKind.MINI_PROGRAM, "B's app", List.of("b.example.cn"));
        MockHttpSession session = signIn(userA.email());

        mvc.perform(post("/merchant/apps/" + appOfB.app().appid() + "/secret").session(session).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/merchant/apps").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(appOfB.app().appid()))));
        assertThat(apps.appOf(a.id(), appOfB.app().appid())).isEmpty();
        mvc.perform(get("/merchant/settlements/1/report.csv").session(session)).andExpect(status().isNotFound());
        mvc.perform(get("/merchant/application").session(session))
                .andExpect(content().string(Matchers.not(Matchers.containsString(b.mchid().orElseThrow()))));

        mvc.perform(post("/merchant/apps").session(session).with(csrf()).param("kind", "OFFICIAL_ACCOUNT")
                        .param("name", "A's account").param("domains", "a.example.cn"))
                .andExpect(flash().attribute("secret", Matchers.notNullValue()));
        mvc.perform(get("/merchant/fees").session(session))
                .andExpect(content().string(Matchers.containsString("0.6%")));
        mvc.perform(get("/merchant/balance").session(session)).andExpect(status().isOk());
    }

    @Test
    void supportStaffReviewAndApproveOthersAreRefused() throws Exception {
        MerchantUser applicant = onboarding.submitted();
        long id = onboarding.applicationOf(applicant).id();
        MockHttpSession support = staff(StaffRole.SUPPORT);

        mvc.perform(get("/admin/merchants/applications").param("state", "SUBMITTED").session(support))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("application-" + id)));
        mvc.perform(post("/admin/merchants/applications/" + id + "/review").session(support).with(csrf()))
                .andExpect(redirectedUrl("/admin/merchants/applications/" + id));
        mvc.perform(post("/admin/merchants/applications/" + id + "/reject").session(support).with(csrf())
                        .param("reason.siteUrl", "Unreachable"))
                .andExpect(redirectedUrl("/admin/merchants/applications/" + id));
        assertThat(onboarding.applicationOf(applicant).state()).isEqualTo(ApplicationState.REJECTED);
        mvc.perform(get("/admin/merchants/applications/" + id).session(support))
                .andExpect(content().string(Matchers.containsString("siteUrl: Unreachable")));

        for (StaffRole refused : List.of(StaffRole.FINANCE, StaffRole.RISK)) {
            MockHttpSession session = staff(refused);
            mvc.perform(get("/admin/merchants/applications").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/merchants/applications/" + id + "/approve").session(session).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/merchants/applications/" + id + "/suspend").session(support).with(csrf())
                .param("reason", "x")).andExpect(status().isForbidden());
        MockHttpSession merchantSession = signIn(applicant.email());
        mvc.perform(get("/admin/merchants/applications").session(merchantSession))
                .andExpect(redirectedUrl("/admin/login"));
    }

    @Test
    void financeSetsAFeeRateAndSupportMayNot() throws Exception {
        Merchant m = onboarding.active();
        mvc.perform(post("/admin/merchants/" + m.id() + "/fees").session(staff(StaffRole.SUPPORT)).with(csrf())
                        .param("rateBasisPoints", "38").param("settlementDays", "1").param("reason", "negotiated"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/merchants/" + m.id() + "/fees").session(staff(StaffRole.FINANCE)).with(csrf())
                        .param("rateBasisPoints", "38").param("settlementDays", "1").param("reason", "negotiated"))
                .andExpect(redirectedUrl("/admin/merchants/" + m.id() + "/fees"));
        assertThat(fees.rateOf(m.id()).percent()).isEqualTo("0.38%");
        assertThat(fees.feeOfPayment(m.id(), 10_000)).isEqualTo(38);
        mvc.perform(get("/admin/merchants/settlements").session(staff(StaffRole.FINANCE))).andExpect(status().isOk());
    }

    private MockHttpSession signIn(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }

    private MockHttpSession staff(StaffRole role) throws Exception {
        StaffUser user = users.staff(role);
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }
}
