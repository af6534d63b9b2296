package io.lingqian.wallet.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for devices, API tokens and payment codes. */
@Repository
public class DeviceStore {

    public record DeviceRow(String deviceId, String name, OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt) {
    }

    /** A valid token with its user, as {@code WalletUser}'s fields. */
    public record SessionRow(long userId, String deviceId, OffsetDateTime expiresAt, String mobile, String displayName,
                             OffsetDateTime createdAt) {
    }

    public record CodeRow(String code, long userId, String deviceId, String status, OffsetDateTime expiresAt) {
    }

    private final JdbcClient jdbc;

    DeviceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void seen(long userId, String deviceId, String name, Instant now) {
        int updated = jdbc.sql("""
                UPDATE wallet_device SET name = :name, last_seen_at = :now WHERE user_id = :u AND device_id = :d""")
                .param("name", name).param("now", Sql.utc(now)).param("u", userId).param("d", deviceId).update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO wallet_device (user_id, device_id, name, first_seen_at, last_seen_at)
                        VALUES (:u, :d, :name, :now, :now)""")
                        .param("u", userId).param("d", deviceId).param("name", name).param("now", Sql.utc(now))
                        .update();
            } catch (DuplicateKeyException seenConcurrently) {
                // the same device signed in twice at once: one row is all it needs
            }
        }
    }

    public List<DeviceRow> devices(long userId) {
        return jdbc.sql("""
                SELECT device_id, name, first_seen_at, last_seen_at FROM wallet_device WHERE user_id = :u
                ORDER BY last_seen_at DESC""").param("u", userId).query(DeviceRow.class).list();
    }

    public void insertToken(String hash, long userId, String deviceId, Instant now, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO wallet_token (token_hash, user_id, device_id, created_at, expires_at)
                VALUES (:h, :u, :d, :now, :exp)""")
                .param("h", hash).param("u", userId).param("d", deviceId).param("now", Sql.utc(now))
                .param("exp", Sql.utc(expiresAt)).update();
    }

    /** The token (valid at {@code now}) and its user in one round trip: what authenticating a call needs. */
    public Optional<SessionRow> session(String hash, Instant now) {
        return jdbc.sql("""
                SELECT t.user_id, t.device_id, t.expires_at, u.mobile, u.display_name, u.created_at
                FROM wallet_token t JOIN wallet_user u ON u.id = t.user_id
                WHERE t.token_hash = :h AND t.revoked = FALSE AND t.expires_at > :now""")
                .param("h", hash).param("now", Sql.utc(now))
                // by hand: the record mapper would try each camelCase name first, an exception each with PostgreSQL
                .query((rs, n) -> new SessionRow(rs.getLong("user_id"), rs.getString("device_id"),
                        rs.getObject("expires_at", OffsetDateTime.class), rs.getString("mobile"),
                        rs.getString("display_name"), rs.getObject("created_at", OffsetDateTime.class)))
                .optional();
    }

    public void revokeToken(String hash) {
        jdbc.sql("UPDATE wallet_token SET revoked = TRUE WHERE token_hash = :h").param("h", hash).update();
    }

    public void revokeCodes(long userId) {
        jdbc.sql("UPDATE wallet_payment_code SET status = 'REVOKED' WHERE user_id = :u AND status = 'ACTIVE'")
                .param("u", userId).update();
    }

    public boolean insertCode(String code, long userId, String deviceId, Instant now, Instant expiresAt) {
        try {
            jdbc.sql("""
                    INSERT INTO wallet_payment_code (code, user_id, device_id, status, created_at, expires_at)
                    VALUES (:c, :u, :d, 'ACTIVE', :now, :exp)""")
                    .param("c", code).param("u", userId).param("d", deviceId).param("now", Sql.utc(now))
                    .param("exp", Sql.utc(expiresAt)).update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    public Optional<CodeRow> lockCode(String code) {
        return jdbc.sql("""
                SELECT code, user_id, device_id, status, expires_at FROM wallet_payment_code WHERE code = :c FOR UPDATE""")
                .param("c", code).query(CodeRow.class).optional();
    }

    public void codeStatus(String code, String status) {
        jdbc.sql("UPDATE wallet_payment_code SET status = :s WHERE code = :c").param("s", status).param("c", code)
                .update();
    }
}
