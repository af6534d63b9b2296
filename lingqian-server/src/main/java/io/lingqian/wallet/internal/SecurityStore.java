package io.lingqian.wallet.internal;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for {@code wallet_security}: one row per user, created on first use. */
@Repository
public class SecurityStore {

    public record Row(long userId, String payPasswordHash, int failedAttempts, OffsetDateTime lockedUntil,
                      boolean passwordFreeEnabled, long passwordFreeLimitFen, boolean hardwareLock,
                      String boundDeviceId) {
    }

    private static final String SELECT = """
            SELECT user_id, pay_password_hash, failed_attempts, locked_until, password_free_enabled,
                   password_free_limit_fen, hardware_lock, bound_device_id FROM wallet_security WHERE user_id = :u""";

    private final JdbcClient jdbc;

    SecurityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void ensure(long userId, Instant now) {
        jdbc.sql("""
                INSERT INTO wallet_security (user_id, updated_at)
                SELECT :u, :now WHERE NOT EXISTS (SELECT 1 FROM wallet_security WHERE user_id = :u)""")
                .param("u", userId).param("now", Sql.utc(now)).update();
    }

    public Row get(long userId) {
        return jdbc.sql(SELECT).param("u", userId).query(Row.class).single();
    }

    /** The row, locked: password attempts of one user are counted one at a time. */
    public Row lock(long userId) {
        return jdbc.sql(SELECT + " FOR UPDATE").param("u", userId).query(Row.class).single();
    }

    public void setPassword(long userId, String hash, Instant now) {
        jdbc.sql("""
                UPDATE wallet_security SET pay_password_hash = :h, failed_attempts = 0, locked_until = NULL,
                       updated_at = :now WHERE user_id = :u""")
                .param("h", hash).param("now", Sql.utc(now)).param("u", userId).update();
    }

    public void attempts(long userId, int failedAttempts, Instant lockedUntil, Instant now) {
        jdbc.sql("""
                UPDATE wallet_security SET failed_attempts = :f, locked_until = :until, updated_at = :now
                WHERE user_id = :u""")
                .param("f", failedAttempts).param("until", Sql.utc(lockedUntil)).param("now", Sql.utc(now))
                .param("u", userId).update();
    }

    public void passwordFree(long userId, boolean enabled, long limitFen, Instant now) {
        jdbc.sql("""
                UPDATE wallet_security SET password_free_enabled = :e, password_free_limit_fen = :l, updated_at = :now
                WHERE user_id = :u""")
                .param("e", enabled).param("l", limitFen).param("now", Sql.utc(now)).param("u", userId).update();
    }

    public void hardwareLock(long userId, boolean on, String deviceId, Instant now) {
        jdbc.sql("""
                UPDATE wallet_security SET hardware_lock = :on, bound_device_id = :d, updated_at = :now
                WHERE user_id = :u""")
                .param("on", on).param("d", deviceId).param("now", Sql.utc(now)).param("u", userId).update();
    }
}
