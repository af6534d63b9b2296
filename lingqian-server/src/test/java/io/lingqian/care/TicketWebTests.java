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

import java.time.Duration;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.WalletUser;

/**
 * Support tickets: a user opens one over the API, staff see it overdue once the first-answer time has
 * passed by the clock, SUPPORT replies and closes, the user sees the reply; another user and staff
 * without the role reach nothing.
 */
@ServerTest
class TicketWebTests {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired Tickets tickets;
    @Autowired AdjustableClock clock;

    @Test
    void staffAnswerAnOverdueTicketAndOnlyItsUserSeesTheReply() throws Exception {
        WalletUser user = users.walletUser();
        WalletUser other = users.walletUser();
        MockHttpSession wallet = wallet(user);
        MockHttpSession otherWallet = wallet(other);
        String location = mvc.perform(post("/api/wallet/tickets").session(wallet).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\":\"Top-up missing\",\"text\":\"My top-up did not arrive.\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.state").value("OPEN"))
                .andReturn().getResponse().getHeader("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(post("/api/wallet/tickets").session(wallet).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"subject\":\"\",\"text\":\"x\"}")).andExpect(status().isBadRequest());

        mvc.perform(get(location).session(otherWallet)).andExpect(status().isNotFound());
        mvc.perform(get("/wallet/tickets/" + id).session(otherWallet)).andExpect(status().isNotFound());
        mvc.perform(post("/wallet/tickets/" + id + "/messages").session(otherWallet).with(csrf()).param("text", "hi"))
                .andExpect(status().isNotFound());

        MockHttpSession support = staff(StaffRole.SUPPORT);
        mvc.perform(get("/admin/care/tickets/" + id).session(support))
                .andExpect(content().string(Matchers.not(Matchers.containsString("ticket-overdue"))));
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        assertThat(tickets.overdue(tickets.ticket(id).orElseThrow())).isTrue();
        mvc.perform(get("/admin/care/tickets").session(support))
                .andExpect(content().string(Matchers.containsString("Top-up missing")))
                .andExpect(content().string(Matchers.containsString("overdue")));
        mvc.perform(get("/admin/care/tickets/" + id).session(staff(StaffRole.RISK))).andExpect(status().isForbidden());

        mvc.perform(post("/admin/care/tickets/" + id + "/reply").session(support).with(csrf())
                .param("text", "It arrived now, the bank was slow.")).andExpect(redirectedUrl("/admin/care/tickets/" + id));
        assertThat(tickets.overdue(tickets.ticket(id).orElseThrow())).isFalse();
        mvc.perform(get(location).session(wallet))
                .andExpect(jsonPath("$.ticket.state").value("ANSWERED"))
                .andExpect(jsonPath("$.messages[1].text").value("It arrived now, the bank was slow."));

        mvc.perform(post("/admin/care/tickets/" + id + "/close").session(support).with(csrf()))
                .andExpect(redirectedUrl("/admin/care/tickets/" + id));
        mvc.perform(post(location + "/messages").session(wallet).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"thanks\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("illegal_transition"));
        mvc.perform(get("/wallet/tickets/" + id).session(wallet))
                .andExpect(content().string(Matchers.containsString("the bank was slow")))
                .andExpect(content().string(Matchers.containsString("CLOSED")));
    }

    private MockHttpSession wallet(WalletUser user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/wallet/login").user("mobile", user.mobile())
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
