package io.lingqian.wallet.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.wallet.WalletUser;

/** The SQL for {@code wallet_user}. */
@Repository
public class WalletUserStore {

    /** A wallet user with the hash that never leaves this context except for a sign-in check. */
    public record Row(WalletUser user, String passwordHash) {
    }

    private record DbRow(long id, String mobile, String displayName, String passwordHash, OffsetDateTime createdAt) {
        Row toRow() {
            return new Row(new WalletUser(id, mobile, displayName, createdAt.toInstant()), passwordHash);
        }
    }

    private static final String SELECT = "SELECT id, mobile, display_name, password_hash, created_at FROM wallet_user";

    private final JdbcClient jdbc;

    WalletUserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public WalletUser insert(String mobile, String displayName, String passwordHash, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO wallet_user (mobile, display_name, password_hash, created_at)
                VALUES (:mobile, :displayName, :passwordHash, :createdAt)
                """)
                .param("mobile", mobile)
                .param("displayName", displayName)
                .param("passwordHash", passwordHash)
                .param("createdAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(key, "id");
        return new WalletUser(key.getKeyAs(Long.class), mobile, displayName, now);
    }

    public Optional<Row> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id)
                .query(DbRow.class).optional().map(DbRow::toRow);
    }

    public Optional<Row> findByMobile(String mobile) {
        return jdbc.sql(SELECT + " WHERE mobile = :mobile").param("mobile", mobile)
                .query(DbRow.class).optional().map(DbRow::toRow);
    }
}
