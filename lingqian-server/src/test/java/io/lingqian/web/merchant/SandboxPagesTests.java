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

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.credentials.TestMerchants;
import io.lingqian.sandbox.Sandbox;
import io.lingqian.sandbox.SandboxRule;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** The portal's Sandbox page: off by default, switched on, rules and faults edited, only one's own. */
@ServerTest
class SandboxPagesTests {

    @Autowired MockMvc mvc;
    @Autowired TestMerchants merchants;
    @Autowired Sandbox sandbox;

    @Test
    void aMerchantSwitchesItsSandboxOnAndEditsItsRulesButNeverAnotherMerchants() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        MockHttpSession sessionA = signIn(a.user().email());
        MockHttpSession sessionB = signIn(b.user().email());

        mvc.perform(get("/merchant/sandbox").session(sessionA)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"sandbox-state\"")))
                .andExpect(content().string(Matchers.containsString(">OFF<")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"add-rule\""))));
        mvc.perform(post("/merchant/sandbox/rules").session(sessionA).with(csrf()).param("outcome", "PAYERROR"))
                .andExpect(redirectedUrl("/merchant/sandbox")).andExpect(flash().attributeExists("refused"));
        assertThat(sandbox.rules(a.id())).as("refused while off").isEmpty();

        mvc.perform(post("/merchant/sandbox/enabled").session(sessionA).with(csrf()).param("on", "true"))
                .andExpect(redirectedUrl("/merchant/sandbox"));
        mvc.perform(post("/merchant/sandbox/rules").session(sessionA).with(csrf()).param("outcome", "ABNORMAL")
                .param("pattern", "SLOW-*")).andExpect(redirectedUrl("/merchant/sandbox"));
        mvc.perform(post("/merchant/sandbox/rules").session(sessionA).with(csrf()).param("outcome", "PAYERROR")
                .param("pattern", "bad pattern!")).andExpect(flash().attributeExists("refused"));
        mvc.perform(post("/merchant/sandbox/notification-faults").session(sessionA).with(csrf())
                .param("duplicates", "1").param("delaySeconds", "30").param("reorderWindowSeconds", "0"))
                .andExpect(redirectedUrl("/merchant/sandbox"));
        assertThat(sandbox.rules(a.id())).singleElement().satisfies(rule -> {
            assertThat(rule.target()).isEqualTo(SandboxRule.Target.REFUND);
            assertThat(rule.pattern()).isEqualTo("SLOW-*");
        });
        assertThat(sandbox.settings(a.id()).notifyDuplicates()).isEqualTo(1);
        long ruleId = sandbox.rules(a.id()).get(0).id();
        mvc.perform(get("/merchant/sandbox").session(sessionA)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("SLOW-*")))
                .andExpect(content().string(Matchers.containsString(">ON<")));

        mvc.perform(get("/merchant/sandbox").session(sessionB)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("SLOW-*"))))
                .andExpect(content().string(Matchers.containsString(">OFF<")));
        mvc.perform(post("/merchant/sandbox/rules/" + ruleId + "/delete").session(sessionB).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(sandbox.rules(a.id())).as("B's attempt deleted nothing").hasSize(1);
        assertThat(sandbox.active(b.id())).isFalse();

        mvc.perform(post("/merchant/sandbox/rules/" + ruleId + "/delete").session(sessionA).with(csrf()))
                .andExpect(redirectedUrl("/merchant/sandbox"));
        assertThat(sandbox.rules(a.id())).isEmpty();
        mvc.perform(get("/merchant/sandbox")).andExpect(status().is3xxRedirection());
    }

    private MockHttpSession signIn(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
