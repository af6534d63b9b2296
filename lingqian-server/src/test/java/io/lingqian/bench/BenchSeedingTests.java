package io.lingqian.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.testing.ServerTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code lingqian.bench.seeding=true}, the benchmark's seeding answers only the machine itself, and makes
 * payers who can sign in through the wallet API with the balance asked for, and merchants with API
 * credentials.
 */
@ServerTest
@TestPropertySource(properties = "lingqian.bench.seeding=true")
class BenchSeedingTests {

    static final String PAYERS = "{\"count\": 2, \"balanceFen\": 12345, \"passwordFreeLimitFen\": 1000}";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void makesPayersWhoSignInWithTheirBalance() throws Exception {
        JsonNode payers = json.readTree(mvc.perform(post("/bench/seed/payers").contentType(MediaType.APPLICATION_JSON)
                .content(PAYERS)).andReturn().getResponse().getContentAsString());
        assertThat(payers).hasSize(2);
        JsonNode payer = payers.get(0);
        String session = mvc.perform(post("/api/wallet/sessions").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(java.util.Map.of("mobile", payer.get("mobile").asString(),
                        "password", payer.get("loginPassword").asString(), "deviceId",
                        payer.get("deviceId").asString(), "deviceName", "bench"))))
                .andReturn().getResponse().getContentAsString();
        String token = json.readTree(session).get("token").asString();
        JsonNode me = json.readTree(mvc.perform(get("/api/wallet/me").header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getContentAsString());
        assertThat(me.get("balanceFen").asLong()).isEqualTo(12345);
        assertThat(me.get("verified").asBoolean()).isTrue();
    }

    @Test
    void makesMerchantsWithApiCredentials() throws Exception {
        JsonNode merchants = json.readTree(mvc.perform(post("/bench/seed/merchants")
                .contentType(MediaType.APPLICATION_JSON).content("{\"count\": 1}"))
                .andReturn().getResponse().getContentAsString());
        assertThat(merchants).hasSize(1);
        assertThat(merchants.get(0).get("mchid").asString()).matches("\\d{10}");
        assertThat(merchants.get(0).get("privateKeyPem").asString()).contains("PRIVATE KEY");
        assertThat(merchants.get(0).get("apiV3Key").asString()).hasSize(32);
    }

    @Test
    void answersOnlyTheMachineItself() throws Exception {
        int status = mvc.perform(post("/bench/seed/merchants").contentType(MediaType.APPLICATION_JSON)
                .content("{\"count\": 1}").with(request -> {
                    request.setRemoteAddr("203.0.113.7");
                    return request;
                })).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(404);
    }
}
