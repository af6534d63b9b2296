package io.lingqian.api.v3;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers the nonces of accepted requests in the database, so a replay is refused whichever
 * instance it reaches. A nonce is kept until its request's timestamp leaves the accepted window, after
 * which the timestamp check refuses a replay by itself.
 */
@Component
class NonceRegistry {

    private final JdbcClient jdbc;
    private final SignatureTime time;

    NonceRegistry(JdbcClient jdbc, SignatureTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** True the first time this merchant uses the nonce within the window; false for a replay. */
    boolean firstUse(String mchid, String nonce, Instant keepUntil) {
        OffsetDateTime now = utc(time.now());
        // An expired row for the same nonce is not a replay (the window has passed): make room for it.
        jdbc.sql("DELETE FROM api_nonce WHERE mchid = :mchid AND nonce = :nonce AND expires_at <= :now")
                .param("mchid", mchid).param("nonce", nonce).param("now", now).update();
        return jdbc.sql("""
                INSERT INTO api_nonce (mchid, nonce, expires_at) VALUES (:mchid, :nonce, :expiresAt)
                ON CONFLICT DO NOTHING
                """)
                .param("mchid", mchid).param("nonce", nonce).param("expiresAt", utc(keepUntil))
                .update() == 1;
    }

    /** Deletes nonces past their window; several instances may run it at once harmlessly. */
    @Scheduled(fixedDelayString = "${lingqian.api.nonce-cleanup-interval:1m}")
    int forgetExpired() {
        return jdbc.sql("DELETE FROM api_nonce WHERE expires_at <= :now").param("now", utc(time.now())).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
