package io.lingqian.sandbox.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.sandbox.SandboxRule;
import io.lingqian.sandbox.SandboxSettings;

/** The SQL for {@code sandbox_merchant} and {@code sandbox_rule}. */
@Repository
public class SandboxStore {

    /** The test payer the platform made for a merchant; the payment password sealed. */
    public record Payer(long userId, String deviceId, long cardId, String sealedPassword) {
    }

    private final JdbcClient jdbc;

    SandboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SandboxSettings> settings(long merchantId) {
        return jdbc.sql("""
                SELECT enabled, notify_duplicates, notify_delay_seconds, notify_reorder_seconds
                FROM sandbox_merchant WHERE merchant_id = :m""").param("m", merchantId)
                .query((rs, n) -> new SandboxSettings(merchantId, rs.getBoolean(1), rs.getInt(2),
                        Duration.ofSeconds(rs.getInt(3)), Duration.ofSeconds(rs.getInt(4))))
                .optional();
    }

    /** Switches the merchant's controls on or off, creating its row (with no faults) the first time. */
    public void setEnabled(long merchantId, boolean enabled, Instant now) {
        int updated = jdbc.sql("UPDATE sandbox_merchant SET enabled = :e, updated_at = :now WHERE merchant_id = :m")
                .param("e", enabled).param("now", utc(now)).param("m", merchantId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO sandbox_merchant (merchant_id, enabled, notify_duplicates, notify_delay_seconds,
                        notify_reorder_seconds, updated_at)
                    VALUES (:m, :e, 0, 0, 0, :now)""")
                    .param("m", merchantId).param("e", enabled).param("now", utc(now)).update();
        }
    }

    public void setNotificationFaults(long merchantId, int duplicates, Duration delay, Duration window, Instant now) {
        jdbc.sql("""
                UPDATE sandbox_merchant SET notify_duplicates = :d, notify_delay_seconds = :delay,
                    notify_reorder_seconds = :w, updated_at = :now
                WHERE merchant_id = :m""")
                .param("d", duplicates).param("delay", (int) delay.toSeconds()).param("w", (int) window.toSeconds())
                .param("now", utc(now)).param("m", merchantId).update();
    }

    public Optional<Payer> payer(long merchantId) {
        return jdbc.sql("""
                SELECT payer_user_id, payer_device_id, payer_card_id, payer_password FROM sandbox_merchant
                WHERE merchant_id = :m AND payer_user_id IS NOT NULL""").param("m", merchantId)
                .query((rs, n) -> new Payer(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    /** Records the merchant's test payer unless another request recorded one first; whether this one was kept. */
    public boolean setPayer(long merchantId, Payer payer, Instant now) {
        return jdbc.sql("""
                UPDATE sandbox_merchant SET payer_user_id = :u, payer_device_id = :d, payer_card_id = :c,
                    payer_password = :p, updated_at = :now
                WHERE merchant_id = :m AND payer_user_id IS NULL""")
                .param("u", payer.userId()).param("d", payer.deviceId()).param("c", payer.cardId())
                .param("p", payer.sealedPassword()).param("now", utc(now)).param("m", merchantId).update() == 1;
    }

    public List<SandboxRule> rules(long merchantId) {
        return jdbc.sql("""
                SELECT id, merchant_id, target, out_no_pattern, outcome, created_at FROM sandbox_rule
                WHERE merchant_id = :m ORDER BY id""").param("m", merchantId)
                .query((rs, n) -> new SandboxRule(rs.getLong(1), rs.getLong(2),
                        SandboxRule.Target.valueOf(rs.getString(3)), rs.getString(4),
                        SandboxRule.Outcome.valueOf(rs.getString(5)),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    public long insertRule(long merchantId, SandboxRule.Target target, String pattern, SandboxRule.Outcome outcome,
            Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sandbox_rule (merchant_id, target, out_no_pattern, outcome, created_at)
                VALUES (:m, :t, :p, :o, :now)""")
                .param("m", merchantId).param("t", target.name()).param("p", pattern).param("o", outcome.name())
                .param("now", utc(now)).update(key, "id");
        return key.getKey().longValue();
    }

    /** Deletes the merchant's rule; false when there is none of that id of this merchant (or it was used up). */
    public boolean deleteRule(long merchantId, long ruleId) {
        return jdbc.sql("DELETE FROM sandbox_rule WHERE id = :id AND merchant_id = :m").param("id", ruleId)
                .param("m", merchantId).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
