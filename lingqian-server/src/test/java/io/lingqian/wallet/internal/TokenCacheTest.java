package io.lingqian.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-02-10T08:00:00Z");
    private static final Instant IN_A_MONTH = NOW.plus(Duration.ofDays(30));

    private final TokenCache<String> cache = new TokenCache<>(Duration.ofSeconds(30), 3);

    @Test
    void aValidTokenIsRememberedForTheTimeToLiveOnly() {
        cache.put("h1", "alice", IN_A_MONTH, NOW, cache.epoch());
        assertThat(cache.get("h1", NOW.plusSeconds(29))).isEqualTo("alice");
        assertThat(cache.get("h1", NOW.plusSeconds(30))).isNull();
        assertThat(cache.get("h2", NOW)).isNull();
    }

    @Test
    void aTokenThatExpiresSoonerIsForgottenAtItsExpiry() {
        cache.put("h1", "alice", NOW.plusSeconds(5), NOW, cache.epoch());
        assertThat(cache.get("h1", NOW.plusSeconds(4))).isEqualTo("alice");
        assertThat(cache.get("h1", NOW.plusSeconds(5))).isNull();
    }

    @Test
    void aRevokedTokenIsForgottenAtOnce() {
        cache.put("h1", "alice", IN_A_MONTH, NOW, cache.epoch());
        cache.revoked("h1");
        assertThat(cache.get("h1", NOW)).isNull();
    }

    @Test
    void anAnswerReadBeforeARevocationIsNotKept() {
        long before = cache.epoch();
        // the database said "valid", then the token was revoked before the answer came to be cached
        cache.revoked("h1");
        cache.put("h1", "alice", IN_A_MONTH, NOW, before);
        assertThat(cache.get("h1", NOW)).isNull();
        // a lookup after the revocation is kept as usual
        cache.put("h2", "bob", IN_A_MONTH, NOW, cache.epoch());
        assertThat(cache.get("h2", NOW)).isEqualTo("bob");
    }

    @Test
    void itHoldsAtMostItsMaximum() {
        for (int i = 0; i < 10; i++) {
            cache.put("h" + i, "user " + i, IN_A_MONTH, NOW, cache.epoch());
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get("h9", NOW)).isEqualTo("user 9");
    }

    @Test
    void aTimeToLiveOfZeroKeepsNothing() {
        TokenCache<String> off = new TokenCache<>(Duration.ZERO, 3);
        off.put("h1", "alice", IN_A_MONTH, NOW, off.epoch());
        assertThat(off.get("h1", NOW)).isNull();
    }
}
