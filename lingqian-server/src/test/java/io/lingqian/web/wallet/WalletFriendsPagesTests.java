package io.lingqian.web.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.lingqian.platform.security.Audience;
import io.lingqian.platform.security.SignInAccount;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.social.RedPacket;
import io.lingqian.social.RedPackets;
import io.lingqian.social.SocialFixtures;
import io.lingqian.social.Transfers;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.WalletUser;

/** The friends pages of the wallet console through MockMvc: what each person sees and may do. */
@ServerTest
class WalletFriendsPagesTests {

    @Autowired MockMvc mvc;
    @Autowired SocialFixtures people;
    @Autowired io.lingqian.social.Groups groups;
    @Autowired Transfers transfers;
    @Autowired RedPackets packets;

    static RequestPostProcessor as(WalletUser u) {
        SignedInUser principal = new SignedInUser(Audience.WALLET,
                new SignInAccount(u.id(), u.mobile(), u.displayName(), "", Set.of()));
        principal.eraseCredentials();
        return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
    }

    @Test
    void friendsPagesNeedASignedInWalletUserAndFormsNeedCsrf() throws Exception {
        for (String page : new String[] {"/wallet/friends", "/wallet/transfers", "/wallet/red-packets",
                "/wallet/red-packets/1", "/wallet/groups/1"}) {
            mvc.perform(get(page)).andExpect(redirectedUrl("/wallet/login"));
        }
        WalletUser a = people.user();
        mvc.perform(post("/wallet/friends/contacts").with(as(a)).param("mobile", a.mobile()))
                .andExpect(status().isForbidden());
    }

    @Test
    void contactsGroupsAndATransferAcceptedAndOneWithdrawn() throws Exception {
        WalletUser a = people.payer(500_00);
        WalletUser b = people.user();
        WalletUser c = people.user();
        mvc.perform(post("/wallet/friends/contacts").with(as(a)).with(csrf()).param("mobile", "12345"))
                .andExpect(redirectedUrl("/wallet/friends"))
                .andExpect(flash().attribute("error", containsString("11 digits")));
        mvc.perform(post("/wallet/friends/contacts").with(as(a)).with(csrf()).param("mobile", b.mobile()))
                .andExpect(flash().attribute("message", b.displayName() + " is a contact now."));
        mvc.perform(post("/wallet/friends/contacts").with(as(a)).with(csrf()).param("mobile", c.mobile()));
        mvc.perform(get("/wallet/friends").with(as(a)))
                .andExpect(content().string(containsString(b.mobile())));

        mvc.perform(post("/wallet/friends/groups").with(as(a)).with(csrf()).param("name", "Lunch club")
                .param("memberIds", String.valueOf(b.id()), String.valueOf(c.id())))
                .andExpect(redirectedUrlPattern("/wallet/groups/*"))
                .andExpect(flash().attribute("message", "Group Lunch club created with 3 members."));
        long groupId = groups.groups(a.id()).get(0).id();
        mvc.perform(get("/wallet/groups/" + groupId).with(as(b)))
                .andExpect(content().string(containsString(c.displayName())));
        WalletUser outsider = people.user();
        mvc.perform(get("/wallet/groups/" + groupId).with(as(outsider)))
                .andExpect(status().isNotFound()).andExpect(content().string(containsString("No such group.")));

        // a wrong password and a malformed amount are messages; nothing moves
        mvc.perform(transfer(a, b, "12.50", "REAL_TIME", "000000"))
                .andExpect(flash().attribute("error", containsString("password")));
        mvc.perform(transfer(a, b, "12.5x", "REAL_TIME", SocialFixtures.PAY_PASSWORD))
                .andExpect(flash().attribute("error", containsString("two decimals")));
        assertThat(people.available(a.id())).isEqualTo(500_00);

        mvc.perform(transfer(a, b, "12.50", "REAL_TIME", SocialFixtures.PAY_PASSWORD))
                .andExpect(flash().attribute("message", containsString("Sent 12.50 CNY to " + b.displayName())));
        long sent = transfers.transfers(a.id()).get(0).id();
        mvc.perform(get("/wallet/transfers").with(as(b)))
                .andExpect(content().string(containsString("waiting to be accepted")))
                .andExpect(content().string(containsString("/wallet/transfers/" + sent + "/accept")));
        mvc.perform(post("/wallet/transfers/" + sent + "/accept").with(as(outsider)).with(csrf()))
                .andExpect(flash().attribute("error", "No such transfer."));
        mvc.perform(post("/wallet/transfers/" + sent + "/accept").with(as(b)).with(csrf()))
                .andExpect(flash().attribute("message", "Accepted 12.50 CNY from " + a.displayName() + "."));
        mvc.perform(post("/wallet/transfers/" + sent + "/accept").with(as(b)).with(csrf()))
                .andExpect(flash().attribute("error", containsString("already accepted")));
        assertThat(people.balance(b.id())).isEqualTo(12_50);

        mvc.perform(transfer(a, c, "3.00", "TWO_HOURS", SocialFixtures.PAY_PASSWORD));
        long delayed = transfers.transfers(a.id()).get(0).id();
        mvc.perform(get("/wallet/transfers").with(as(c)))
                .andExpect(content().string(not(containsString("/wallet/transfers/" + delayed + "/accept"))))
                .andExpect(content().string(containsString("arrives ")));
        mvc.perform(get("/wallet/transfers").with(as(a)))
                .andExpect(content().string(containsString("/wallet/transfers/" + delayed + "/withdraw")));
        mvc.perform(post("/wallet/transfers/" + delayed + "/withdraw").with(as(a)).with(csrf()))
                .andExpect(flash().attribute("message", containsString("Withdrew 3.00 CNY")));
        mvc.perform(get("/wallet/transfers").with(as(c)))
                .andExpect(content().string(containsString("withdrawn by the sender")));
        assertThat(people.available(a.id())).isEqualTo(500_00 - 12_50);
    }

    private org.springframework.test.web.servlet.RequestBuilder transfer(WalletUser from, WalletUser to, String amount,
            String arrival, String password) {
        return post("/wallet/transfers").with(as(from)).with(csrf()).param("receiverId", String.valueOf(to.id()))
                .param("amount", amount).param("arrival", arrival).param("paymentPassword", password)
                .param("requestId", UUID.randomUUID().toString());
    }

    @Test
    void aLuckyPacketIsOpenedOnceByEachMemberAndShowsTheSeedWhenAllAreTaken() throws Exception {
        WalletUser a = people.payer(500_00);
        WalletUser b = people.user();
        WalletUser c = people.user();
        people.befriend(a, b);
        people.befriend(a, c);
        long groupId = groups.create(a.id(), "Family", java.util.List.of(b.id(), c.id())).id();

        mvc.perform(post("/wallet/red-packets").with(as(a)).with(csrf()).param("kind", "LUCKY")
                .param("groupId", String.valueOf(groupId)).param("amount", "10").param("shares", "4")
                .param("requestId", UUID.randomUUID().toString()).param("paymentPassword", SocialFixtures.PAY_PASSWORD))
                .andExpect(redirectedUrl("/wallet/red-packets"))
                .andExpect(flash().attribute("error", containsString("members")));
        mvc.perform(post("/wallet/red-packets").with(as(a)).with(csrf()).param("kind", "LUCKY")
                .param("groupId", String.valueOf(groupId)).param("amount", "10").param("shares", "2")
                .param("greeting", "Happy New Year").param("requestId", UUID.randomUUID().toString())
                .param("paymentPassword", SocialFixtures.PAY_PASSWORD))
                .andExpect(redirectedUrlPattern("/wallet/red-packets/*"))
                .andExpect(flash().attribute("message", "Sent a red packet of 10.00 CNY in 2 shares."));
        RedPacket p = packets.sent(a.id()).get(0);

        mvc.perform(get("/wallet/red-packets").with(as(b)))
                .andExpect(content().string(containsString("/wallet/red-packets/" + p.id() + "/open")));
        mvc.perform(get("/wallet/red-packets/" + p.id()).with(as(b)))
                .andExpect(content().string(containsString("2 of 2 left")))
                .andExpect(content().string(containsString(p.seedHash())))
                .andExpect(content().string(containsString("id=\"open-packet\"")));
        mvc.perform(post("/wallet/red-packets/" + p.id() + "/open").with(as(b)).with(csrf()))
                .andExpect(flash().attribute("message", containsString("You got")));
        mvc.perform(post("/wallet/red-packets/" + p.id() + "/open").with(as(b)).with(csrf()))
                .andExpect(flash().attribute("error", "You have opened this red packet already."));
        WalletUser outsider = people.user();
        mvc.perform(post("/wallet/red-packets/" + p.id() + "/open").with(as(outsider)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/wallet/red-packets/" + p.id() + "/open").with(as(c)).with(csrf()));
        RedPacket done = packets.packet(a.id(), p.id());
        mvc.perform(get("/wallet/red-packets/" + p.id()).with(as(a)))
                .andExpect(content().string(containsString("all taken")))
                .andExpect(content().string(containsString("best luck")))
                .andExpect(content().string(containsString(done.seed())));
        mvc.perform(get("/wallet/red-packets").with(as(b)))
                .andExpect(content().string(containsString("From " + a.displayName())));

        mvc.perform(get("/wallet/red-packets/" + p.id()).with(as(outsider)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No such red packet.")))
                .andExpect(content().string(not(containsString(p.seedHash()))));
    }
}
