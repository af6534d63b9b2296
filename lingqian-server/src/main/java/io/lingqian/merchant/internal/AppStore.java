package io.lingqian.merchant.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApp;

/** The SQL for apps, their domains, the openids handed out and the web authorisation codes. */
@Repository
public class AppStore {

    /** An app with the hash of its secret, which stays in this context. */
    public record AppRow(long id, MerchantApp app, String secretHash) {
    }

    /** A stored authorisation code. */
    public record CodeRow(String appid, long userId, String scope, String redirectUri, Instant expiresAt,
                          Optional<Instant> usedAt) {
    }

    private record Row(long id, String appid, long merchantId, String kind, String name, String secretHash,
                       OffsetDateTime createdAt, OffsetDateTime secretSetAt) {
    }

    private final JdbcClient jdbc;

    AppStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean appidTaken(String appid) {
        return jdbc.sql("SELECT COUNT(*) FROM merchant_app WHERE appid = :a").param("a", appid).query(Long.class)
                .single() > 0;
    }

    public void insert(String appid, long merchantId, AppKind kind, String name, String secretHash,
            List<String> domains, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO merchant_app (appid, merchant_id, kind, name, secret_hash, created_at, secret_set_at)
                VALUES (:appid, :merchantId, :kind, :name, :secretHash, :now, :now)
                """).param("appid", appid).param("merchantId", merchantId).param("kind", kind.name())
                .param("name", name).param("secretHash", secretHash).param("now", ApplicationStore.utc(now))
                .update(key, "id");
        long id = key.getKeyAs(Long.class);
        for (String domain : domains) {
            jdbc.sql("INSERT INTO merchant_app_domain (app_id, domain) VALUES (:id, :domain)")
                    .param("id", id).param("domain", domain).update();
        }
    }

    public void replaceSecret(long appId, String secretHash, Instant now) {
        jdbc.sql("UPDATE merchant_app SET secret_hash = :h, secret_set_at = :now WHERE id = :id")
                .param("h", secretHash).param("now", ApplicationStore.utc(now)).param("id", appId).update();
    }

    public Optional<AppRow> find(String appid) {
        return jdbc.sql("SELECT * FROM merchant_app WHERE appid = :a").param("a", appid).query(Row.class).optional()
                .map(this::toRow);
    }

    public List<MerchantApp> ofMerchant(long merchantId) {
        return jdbc.sql("SELECT * FROM merchant_app WHERE merchant_id = :m ORDER BY id").param("m", merchantId)
                .query(Row.class).list().stream().map(r -> toRow(r).app()).toList();
    }

    /** Records an openid; a pair recorded before (by a concurrent request too) is left as it is. */
    public void recordOpenid(String appid, String openid, long userId, Instant now) {
        jdbc.sql("""
                INSERT INTO merchant_openid (appid, openid, user_id, created_at) VALUES (:a, :o, :u, :now)
                ON CONFLICT DO NOTHING
                """).param("a", appid).param("o", openid).param("u", userId).param("now", ApplicationStore.utc(now))
                .update();
    }

    public Optional<Long> userOf(String appid, String openid) {
        return jdbc.sql("SELECT user_id FROM merchant_openid WHERE appid = :a AND openid = :o")
                .param("a", appid).param("o", openid).query(Long.class).optional();
    }

    public void insertCode(String codeHash, String appid, long userId, String scope, String redirectUri,
            Instant expiresAt, Instant now) {
        jdbc.sql("""
                INSERT INTO merchant_oauth_code (code_hash, appid, user_id, scope, redirect_uri, expires_at, created_at)
                VALUES (:h, :a, :u, :scope, :uri, :expires, :now)
                """).param("h", codeHash).param("a", appid).param("u", userId).param("scope", scope)
                .param("uri", redirectUri).param("expires", ApplicationStore.utc(expiresAt))
                .param("now", ApplicationStore.utc(now)).update();
    }

    /** Locks the code, so two exchanges of one code cannot both succeed. */
    public Optional<CodeRow> lockCode(String codeHash) {
        return jdbc.sql("""
                SELECT appid, user_id, scope, redirect_uri, expires_at, used_at FROM merchant_oauth_code
                WHERE code_hash = :h FOR UPDATE
                """).param("h", codeHash)
                .query((rs, n) -> new CodeRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant)))
                .optional();
    }

    public void markCodeUsed(String codeHash, Instant now) {
        jdbc.sql("UPDATE merchant_oauth_code SET used_at = :now WHERE code_hash = :h")
                .param("now", ApplicationStore.utc(now)).param("h", codeHash).update();
    }

    private AppRow toRow(Row r) {
        List<String> domains = jdbc.sql("SELECT domain FROM merchant_app_domain WHERE app_id = :id ORDER BY domain")
                .param("id", r.id()).query(String.class).list();
        return new AppRow(r.id(), new MerchantApp(r.appid().strip(), r.merchantId(), AppKind.valueOf(r.kind()),
                r.name(), domains, r.createdAt().toInstant(), r.secretSetAt().toInstant()), r.secretHash().strip());
    }
}
