package io.lingqian.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.merchant.MerchantUser;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.WalletUser;

/** Each console signs in against its own users, and a sign-in to one opens no other. */
@ServerTest
class ConsoleSecurityTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Test
    void aWalletUserSignsInWithMobileAndPassword() throws Exception {
        WalletUser user = users.walletUser();
        MockHttpSession session = signIn("/wallet/login", "mobile", user.mobile(), "/wallet");

        mvc.perform(get("/wallet").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Test Wallet User")));
    }

    @Test
    void aWrongPasswordGoesBackToTheLoginPageWithTheError() throws Exception {
        WalletUser user = users.walletUser();
        mvc.perform(formLogin("/wallet/login").user("mobile", user.mobile()).password("wrong password"))
                .andExpect(redirectedUrl("/wallet/login?error"));

        mvc.perform(get("/wallet/login").param("error", ""))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Wrong mobile number or password")));
    }

    @Test
    void aWalletSessionOpensNeitherTheMerchantPortalNorTheAdminConsole() throws Exception {
        WalletUser user = users.walletUser();
        MockHttpSession session = signIn("/wallet/login", "mobile", user.mobile(), "/wallet");

        mvc.perform(get("/merchant").session(session)).andExpect(redirectedUrl("/merchant/login"));
        mvc.perform(get("/admin").session(session)).andExpect(redirectedUrl("/admin/login"));
        mvc.perform(get("/admin/api/stats/home").session(session)).andExpect(status().isUnauthorized());
    }

    @Test
    void userStoresAreSeparateSoAWalletLoginCannotSignInElsewhere() throws Exception {
        WalletUser user = users.walletUser();
        mvc.perform(formLogin("/admin/login").user(user.mobile()).password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin/login?error"));
        mvc.perform(formLogin("/merchant/login").user("email", user.mobile()).password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant/login?error"));
    }

    @Test
    void aMerchantUserSignsInWithEmailInAnyCase() throws Exception {
        MerchantUser user = users.merchantUser();
        MockHttpSession session = signIn("/merchant/login", "email", user.email().toUpperCase(), "/merchant");

        mvc.perform(get("/merchant").session(session)).andExpect(status().isOk());
        mvc.perform(get("/wallet").session(session)).andExpect(redirectedUrl("/wallet/login"));
    }

    @Test
    void staffSignInToTheConsoleAndUseTheAdminApiWithTheSession() throws Exception {
        StaffUser finance = users.staff(StaffRole.FINANCE);
        MockHttpSession session = signIn("/admin/login", "username", finance.username(), "/admin");

        mvc.perform(get("/admin").session(session)).andExpect(status().isOk());
        mvc.perform(get("/admin/api/stats/home").session(session)).andExpect(status().isOk());
        mvc.perform(get("/wallet").session(session)).andExpect(redirectedUrl("/wallet/login"));
    }

    @Test
    void twoConsolesInOneSessionStaySeparateAndLogOutSeparately() throws Exception {
        WalletUser walletUser = users.walletUser();
        StaffUser staff = users.staff(StaffRole.SUPPORT);
        MockHttpSession session = signIn("/wallet/login", "mobile", walletUser.mobile(), "/wallet");
        mvc.perform(post("/admin/login").param("username", staff.username()).param("password", TestUsers.PASSWORD)
                        .with(csrf()).session(session))
                .andExpect(redirectedUrl("/admin"));
        mvc.perform(get("/admin").session(session)).andExpect(status().isOk());
        mvc.perform(get("/wallet").session(session)).andExpect(status().isOk());

        mvc.perform(post("/admin/logout").with(csrf()).session(session)).andExpect(redirectedUrl("/admin/login?logout"));

        mvc.perform(get("/admin").session(session)).andExpect(redirectedUrl("/admin/login"));
        mvc.perform(get("/wallet").session(session)).andExpect(status().isOk());
    }

    @Test
    void aConsolePostWithoutCsrfTokenIsRefused() throws Exception {
        StaffUser admin = users.staff(StaffRole.ADMIN);
        MockHttpSession session = signIn("/admin/login", "username", admin.username(), "/admin");

        mvc.perform(post("/admin/clock/advance").param("seconds", "60").session(session))
                .andExpect(status().isForbidden());
        mvc.perform(post("/wallet/logout").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/clock/advance").param("seconds", "60").with(csrf()).session(session))
                .andExpect(status().isOk());
    }

    @Test
    void aConsoleLoginWithoutCsrfTokenIsRefused() throws Exception {
        WalletUser user = users.walletUser();
        mvc.perform(post("/wallet/login").param("mobile", user.mobile()).param("password", TestUsers.PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void pathsNoConsoleClaimsAreRefused() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/echarts/dist/echarts.min.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/bootstrap/css/bootstrap.min.css")).andExpect(status().isOk());
        mvc.perform(get("/secret-page")).andExpect(status().isForbidden());
    }

    private MockHttpSession signIn(String loginUrl, String usernameParameter, String login, String home)
            throws Exception {
        var result = mvc.perform(formLogin(loginUrl).user(usernameParameter, login).password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl(home))
                .andReturn();
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        assertThat(session).isNotNull();
        return session;
    }
}
