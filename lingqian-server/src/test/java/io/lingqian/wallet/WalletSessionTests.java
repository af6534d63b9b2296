package io.lingqian.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.testing.ServerTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer tokens are remembered for a short time per instance (docs/wallet.md, "Bearer tokens"); these
 * tests use a token so that it is in that memory, and check that signing out still ends it at once.
 */
@ServerTest
class WalletSessionTests {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired WalletDevices devices;
    @Autowired AdjustableClock clock;
    @Autowired JdbcClient jdbc;

    @Test
    void aSignedOutTokenIsRefusedAtOnceThoughItWasJustUsed() throws Exception {
        WalletApiClient phone = new WalletApiClient(mvc, json).registerAndSignIn();
        WalletApiClient tablet = phone.onAnotherDevice("tablet-" + phone.deviceId.substring(5));
        assertThat(phone.get("/api/wallet/me").status()).isEqualTo(200);
        assertThat(phone.get("/api/wallet/me").status()).isEqualTo(200);
        assertThat(tablet.get("/api/wallet/me").status()).isEqualTo(200);

        assertThat(phone.delete("/api/wallet/sessions/current").status()).isEqualTo(204);

        WalletApiClient.Answer refused = phone.get("/api/wallet/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(phone.post("/api/wallet/red-packets/1/open", null).status()).isEqualTo(401);
        // only the token signed out: the same user's other device goes on
        assertThat(tablet.get("/api/wallet/me").status()).isEqualTo(200);
    }

    @Test
    void aCachedTokenStillNamesItsUserAndDevice() throws Exception {
        WalletApiClient alice = new WalletApiClient(mvc, json).registerAndSignIn();
        WalletApiClient bob = new WalletApiClient(mvc, json).registerAndSignIn();
        for (int i = 0; i < 2; i++) {
            assertThat(alice.get("/api/wallet/me").body().get("user").get("id").asLong()).isEqualTo(alice.userId);
            assertThat(alice.get("/api/wallet/me").text("deviceId")).isEqualTo(alice.deviceId);
            assertThat(bob.get("/api/wallet/me").body().get("user").get("id").asLong()).isEqualTo(bob.userId);
        }
        WalletDevices.TokenHolder holder = devices.authenticate(alice.token).orElseThrow();
        assertThat(holder.userId()).isEqualTo(alice.userId);
        assertThat(holder.deviceId()).isEqualTo(alice.deviceId);
        assertThat(holder.user().mobile()).isEqualTo(alice.mobile);
    }

    @Test
    void aTokenIsCheckedAgainstTheDatabaseOnceItsTimeInMemoryIsUp() throws Exception {
        WalletApiClient phone = new WalletApiClient(mvc, json).registerAndSignIn();
        assertThat(devices.authenticate(phone.token)).isPresent();
        // what another instance's sign-out looks like here: the row is revoked, this memory not told
        jdbc.sql("UPDATE wallet_token SET revoked = TRUE WHERE token_hash = :h")
                .param("h", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(phone.token.getBytes(StandardCharsets.UTF_8)))).update();
        assertThat(devices.authenticate(phone.token)).as("within cache-for, this instance has not asked").isPresent();
        clock.advance(Duration.ofSeconds(31));
        assertThat(devices.authenticate(phone.token)).isEmpty();
        assertThat(phone.get("/api/wallet/me").status()).isEqualTo(401);
    }
}
