package io.lingqian.web.merchant.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.credentials.TestMerchants.ApprovedMerchant;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** The v2 API key in the portal: made by Lingqian, shown once, sealed at rest, each merchant its own. */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class ApiV2KeyPortalTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewV2KeyIsShownOnceReplacesTheOldOneAndIsSealedAtRest(CapturedOutput output) throws Exception {
        ApprovedMerchant shop = merchants.approved();
        ApprovedMerchant other = merchants.approved();
        String othersKey = credentials.resetApiV2Key(other.id());
        MockHttpSession session = signIn(shop);
        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(containsString("Create a random key")));

        mvc.perform(post("/merchant/credentials/api-v2-key").session(session).with(csrf()))
                .andExpect(redirectedUrl("/merchant/credentials"));
        String key = credentials.apiV2Key(shop.id()).orElseThrow();
        assertThat(key).matches("[0-9A-Za-z]{32}");

        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(containsString(key)))
                .andExpect(content().string(not(containsString(othersKey))));
        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(not(containsString(key))))
                .andExpect(content().string(containsString("Replace with a new random key")));

        mvc.perform(post("/merchant/credentials/api-v2-key").session(session).with(csrf()));
        assertThat(credentials.apiV2Key(shop.id())).isPresent().get().isNotEqualTo(key);
        assertThat(credentials.apiV2Key(other.id())).contains(othersKey);
        String stored = jdbc.sql("SELECT key_sealed FROM merchant_api_v2_key WHERE merchant_id = :m")
                .param("m", shop.id()).query(String.class).single();
        assertThat(stored).doesNotContain(credentials.apiV2Key(shop.id()).orElseThrow());
        assertThat(output.getAll()).doesNotContain(key);
    }

    private MockHttpSession signIn(ApprovedMerchant merchant) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", merchant.user().email())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant")).andReturn().getRequest().getSession(false);
    }
}
