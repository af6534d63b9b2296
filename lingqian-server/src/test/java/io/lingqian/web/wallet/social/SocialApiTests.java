package io.lingqian.web.wallet.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.lingqian.platform.security.Audience;
import io.lingqian.platform.security.SignInAccount;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.social.SocialFixtures;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.WalletUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Friends endpoints of the wallet API: what each caller may see, and bad bodies (not JSON, a
 * field missing or of the wrong type) answered with problem+json 400 naming the field, nothing moved.
 */
@ServerTest
class SocialApiTests {

    @Autowired MockMvc mvc;
    @Autowired SocialFixtures people;
    @Autowired ObjectMapper json;

    private static RequestPostProcessor as(WalletUser u) {
        SignedInUser principal = new SignedInUser(Audience.WALLET,
                new SignInAccount(u.id(), u.mobile(), u.displayName(), "", Set.of()));
        principal.eraseCredentials();
        return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
    }

    private ResultActions postJson(WalletUser u, String path, String body) throws Exception {
        return mvc.perform(post(path).with(as(u)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void badField(ResultActions r, String field) throws Exception {
        r.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    private static void notJson(ResultActions r) throws Exception {
        r.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("bad_request"));
    }

    private JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    @Test
    void contactsAndGroupsOnlyForTheirMembersAndBadBodiesNameTheField() throws Exception {
        WalletUser a = people.user();
        WalletUser b = people.user();
        WalletUser outsider = people.user();
        notJson(postJson(a, "/api/wallet/contacts", "{\"mobile\":"));
        badField(postJson(a, "/api/wallet/contacts", "{}"), "mobile");
        postJson(a, "/api/wallet/contacts", "{\"mobile\":\"12345\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_mobile"));
        postJson(a, "/api/wallet/contacts", "{\"mobile\":\"" + b.mobile() + "\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.userId").value(b.id()));
        mvc.perform(get("/api/wallet/contacts").with(as(a))).andExpect(jsonPath("$[0].mobile").value(b.mobile()));
        mvc.perform(get("/api/wallet/contacts").with(as(b))).andExpect(jsonPath("$.length()").value(0));

        badField(postJson(a, "/api/wallet/groups", "{\"memberIds\":[]}"), "name");
        badField(postJson(a, "/api/wallet/groups", "{\"name\":\"G\",\"memberIds\":[\"b\"]}"), "memberIds[0]");
        postJson(a, "/api/wallet/groups", "{\"name\":\"G\",\"memberIds\":[" + outsider.id() + "]}")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("not_a_contact"));
        long group = body(postJson(a, "/api/wallet/groups", "{\"name\":\"Dorm 302\",\"memberIds\":[" + b.id() + "]}")
                .andExpect(status().isCreated())).get("id").asLong();
        mvc.perform(get("/api/wallet/groups/" + group).with(as(b))).andExpect(jsonPath("$.name").value("Dorm 302"));
        mvc.perform(get("/api/wallet/groups/" + group).with(as(outsider))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        badField(postJson(a, "/api/wallet/groups/" + group + "/members", "{}"), "userId");
        postJson(outsider, "/api/wallet/groups/" + group + "/members", "{\"userId\":" + a.id() + "}")
                .andExpect(status().isNotFound());
    }

    @Test
    void transfersRefuseBadBodiesAndAreOnlySeenAndAcceptedByTheirTwoPeople() throws Exception {
        WalletUser a = people.payer(100_00);
        WalletUser b = people.user();
        WalletUser outsider = people.user();
        people.befriend(a, b);
        String rid = UUID.randomUUID().toString();
        notJson(postJson(a, "/api/wallet/transfers", "{\"receiverId\":" + b.id() + ",\"amountFen\":"));
        badField(postJson(a, "/api/wallet/transfers", "{\"receiverId\":" + b.id() + ",\"clientRequestId\":\"" + rid
                + "\"}"), "amountFen");
        badField(postJson(a, "/api/wallet/transfers", "{\"receiverId\":" + b.id() + ",\"amountFen\":\"ten\","
                + "\"clientRequestId\":\"" + rid + "\"}"), "amountFen");
        badField(postJson(a, "/api/wallet/transfers", "{\"receiverId\":" + b.id() + ",\"amountFen\":100,"
                + "\"arrival\":\"SOON\",\"clientRequestId\":\"" + rid + "\"}"), "arrival");
        badField(postJson(a, "/api/wallet/transfers", "{\"amountFen\":100,\"clientRequestId\":\"" + rid + "\"}"),
                "receiverId");
        assertThat(people.available(a.id())).isEqualTo(100_00);

        String send = "{\"receiverId\":" + b.id() + ",\"amountFen\":2500,\"arrival\":\"REAL_TIME\",\"clientRequestId\":\""
                + rid + "\",\"paymentPassword\":\"" + SocialFixtures.PAY_PASSWORD + "\"}";
        long id = body(postJson(a, "/api/wallet/transfers", send).andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("SENT"))).get("id").asLong();
        postJson(a, "/api/wallet/transfers", send).andExpect(jsonPath("$.id").value(id));
        assertThat(people.available(a.id())).isEqualTo(75_00);

        mvc.perform(get("/api/wallet/transfers/" + id).with(as(outsider))).andExpect(status().isNotFound());
        postJson(outsider, "/api/wallet/transfers/" + id + "/accept", "").andExpect(status().isNotFound());
        postJson(outsider, "/api/wallet/transfers/" + id + "/return", "").andExpect(status().isNotFound());
        postJson(b, "/api/wallet/transfers/" + id + "/withdraw", "").andExpect(status().isNotFound());
        mvc.perform(get("/api/wallet/transfers/" + id).with(as(b))).andExpect(jsonPath("$.amountFen").value(2500));
        postJson(b, "/api/wallet/transfers/" + id + "/accept", "").andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ACCEPTED"));
        postJson(b, "/api/wallet/transfers/" + id + "/accept", "").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("transfer_accepted"));
        assertThat(people.balance(b.id())).isEqualTo(25_00);
        mvc.perform(get("/api/wallet/transfers").with(as(outsider))).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void redPacketsRefuseBadBodiesAndAreOnlySeenAndOpenedByTheirGroup() throws Exception {
        WalletUser a = people.payer(100_00);
        WalletUser b = people.user();
        WalletUser outsider = people.user();
        people.befriend(a, b);
        long group = body(postJson(a, "/api/wallet/groups", "{\"name\":\"Pair\",\"memberIds\":[" + b.id() + "]}"))
                .get("id").asLong();
        String rid = UUID.randomUUID().toString();
        notJson(postJson(a, "/api/wallet/red-packets", "not json"));
        badField(postJson(a, "/api/wallet/red-packets", "{\"groupId\":" + group + ",\"amountFen\":500,\"shares\":2,"
                + "\"clientRequestId\":\"" + rid + "\"}"), "kind");
        badField(postJson(a, "/api/wallet/red-packets", "{\"kind\":\"LUCKY\",\"groupId\":" + group
                + ",\"amountFen\":500,\"shares\":\"many\",\"clientRequestId\":\"" + rid + "\"}"), "shares");
        badField(postJson(a, "/api/wallet/red-packets", "{\"kind\":\"LUCKY\",\"groupId\":" + group
                + ",\"shares\":2,\"clientRequestId\":\"" + rid + "\"}"), "amountFen");
        postJson(a, "/api/wallet/red-packets", "{\"kind\":\"LUCKY\",\"groupId\":" + group + ",\"amountFen\":500,"
                + "\"shares\":3,\"clientRequestId\":\"" + rid + "\"}").andExpect(jsonPath("$.code").value("too_many_shares"));
        assertThat(people.available(a.id())).isEqualTo(100_00);

        JsonNode sent = body(postJson(a, "/api/wallet/red-packets", "{\"kind\":\"LUCKY\",\"groupId\":" + group
                + ",\"amountFen\":500,\"shares\":2,\"clientRequestId\":\"" + rid + "\",\"paymentPassword\":\""
                + SocialFixtures.PAY_PASSWORD + "\"}").andExpect(status().isCreated()));
        long id = sent.get("id").asLong();
        assertThat(sent.get("seedHash").asString()).hasSize(64);
        assertThat(sent.get("seed").isNull()).isTrue();
        mvc.perform(get("/api/wallet/red-packets/" + id).with(as(outsider))).andExpect(status().isNotFound());
        postJson(outsider, "/api/wallet/red-packets/" + id + "/open", "").andExpect(status().isNotFound());
        long share = body(postJson(b, "/api/wallet/red-packets/" + id + "/open", "").andExpect(status().isOk()))
                .get("amountFen").asLong();
        postJson(b, "/api/wallet/red-packets/" + id + "/open", "").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("already_opened"));
        assertThat(people.balance(b.id())).isEqualTo(share);
        mvc.perform(get("/api/wallet/red-packets").with(as(b)))
                .andExpect(jsonPath("$.received[0].id").value(id)).andExpect(jsonPath("$.sent.length()").value(0));
        mvc.perform(get("/api/wallet/red-packets").with(as(a))).andExpect(jsonPath("$.sent[0].openedCount").value(1));
    }
}
