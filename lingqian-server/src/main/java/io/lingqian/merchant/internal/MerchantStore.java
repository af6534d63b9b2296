package io.lingqian.merchant.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.merchant.MerchantUser;

/** The SQL for {@code merchant} and {@code merchant_user}. */
@Repository
public class MerchantStore {

    /** A portal user with the hash that never leaves this context except for a sign-in check. */
    public record UserRow(MerchantUser user, String passwordHash) {
    }

    private record MerchantDbRow(long id, String mchid, String name, String status, OffsetDateTime createdAt) {
        Merchant toMerchant() {
            return new Merchant(id, Optional.ofNullable(mchid), name, MerchantStatus.valueOf(status),
                    createdAt.toInstant());
        }
    }

    private record UserDbRow(long id, long merchantId, String email, String displayName, String passwordHash,
                             OffsetDateTime createdAt) {
        UserRow toRow() {
            return new UserRow(new MerchantUser(id, merchantId, email, displayName, createdAt.toInstant()),
                    passwordHash);
        }
    }

    private static final String SELECT_USER =
            "SELECT id, merchant_id, email, display_name, password_hash, created_at FROM merchant_user";

    private final JdbcClient jdbc;

    MerchantStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Merchant insertMerchant(String mchid, String name, MerchantStatus status, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO merchant (mchid, name, status, created_at)
                VALUES (:mchid, :name, :status, :createdAt)
                """)
                .param("mchid", mchid, java.sql.Types.CHAR)
                .param("name", name)
                .param("status", status.name())
                .param("createdAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(key, "id");
        return new Merchant(key.getKeyAs(Long.class), Optional.ofNullable(mchid), name, status, now);
    }

    public MerchantUser insertUser(long merchantId, String email, String displayName, String passwordHash,
            Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO merchant_user (merchant_id, email, display_name, password_hash, created_at)
                VALUES (:merchantId, :email, :displayName, :passwordHash, :createdAt)
                """)
                .param("merchantId", merchantId)
                .param("email", email)
                .param("displayName", displayName)
                .param("passwordHash", passwordHash)
                .param("createdAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(key, "id");
        return new MerchantUser(key.getKeyAs(Long.class), merchantId, email, displayName, now);
    }

    public Optional<Merchant> findMerchant(long id) {
        return jdbc.sql("SELECT id, mchid, name, status, created_at FROM merchant WHERE id = :id")
                .param("id", id)
                .query(MerchantDbRow.class).optional().map(MerchantDbRow::toMerchant);
    }

    public Optional<UserRow> findUserById(long id) {
        return jdbc.sql(SELECT_USER + " WHERE id = :id").param("id", id)
                .query(UserDbRow.class).optional().map(UserDbRow::toRow);
    }

    public Optional<UserRow> findUserByEmail(String email) {
        return jdbc.sql(SELECT_USER + " WHERE email = :email").param("email", email)
                .query(UserDbRow.class).optional().map(UserDbRow::toRow);
    }

    public void updateStatus(long id, MerchantStatus status) {
        jdbc.sql("UPDATE merchant SET status = :status WHERE id = :id").param("status", status.name()).param("id", id)
                .update();
    }

    /** Sets the mchid of a merchant that has none; false when the mchid is taken. */
    public boolean assignMchid(long id, String mchid) {
        if (jdbc.sql("SELECT COUNT(*) FROM merchant WHERE mchid = :mchid").param("mchid", mchid)
                .query(Long.class).single() > 0) {
            return false;
        }
        return jdbc.sql("UPDATE merchant SET mchid = :mchid WHERE id = :id AND mchid IS NULL")
                .param("mchid", mchid).param("id", id).update() == 1;
    }

    public Optional<Merchant> findByMchid(String mchid) {
        return jdbc.sql("SELECT id, mchid, name, status, created_at FROM merchant WHERE mchid = :mchid")
                .param("mchid", mchid)
                .query(MerchantDbRow.class).optional().map(MerchantDbRow::toMerchant);
    }

    /** Active merchants, in id order, from {@code afterId} on: the settlement job pages through them. */
    public List<Long> activeMerchantIds(long afterId, int limit) {
        return jdbc.sql("SELECT id FROM merchant WHERE status = 'ACTIVE' AND id > :after ORDER BY id LIMIT :limit")
                .param("after", afterId).param("limit", limit).query(Long.class).list();
    }
}
