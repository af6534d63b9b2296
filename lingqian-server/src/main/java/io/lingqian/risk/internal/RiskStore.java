package io.lingqian.risk.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code risk_rule_version}, {@code risk_event}, {@code risk_blacklist}, {@code risk_merchant_stats} (V800). */
@Repository
public class RiskStore {

    public record RuleRow(long version, String source, String savedBy, String note, OffsetDateTime savedAt) {
    }

    public record EventRow(long id, String instanceId, String eventKey, String action, long userId, String deviceId,
                           long amountFen, Long merchantId, Long payeeUserId, String cardKey, boolean passwordFree,
                           String decision, long rulesVersion, String fired, String testFired, OffsetDateTime at) {
    }

    public record BlacklistRow(String kind, String entry, String reason, String addedBy, OffsetDateTime addedAt) {
    }

    public record MerchantRow(long merchantId, long payments, long refunds, long complaints, OffsetDateTime updatedAt) {
    }

    private final JdbcClient jdbc;

    RiskStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    // rules

    public Optional<RuleRow> latestRules() {
        return jdbc.sql("SELECT * FROM risk_rule_version ORDER BY version DESC LIMIT 1").query(RuleRow.class).optional();
    }

    public long latestVersion() {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM risk_rule_version").query(Long.class).single();
    }

    public List<RuleRow> ruleVersions(int limit) {
        return jdbc.sql("SELECT * FROM risk_rule_version ORDER BY version DESC LIMIT " + limit).query(RuleRow.class)
                .list();
    }

    public Optional<RuleRow> ruleVersion(long version) {
        return jdbc.sql("SELECT * FROM risk_rule_version WHERE version = ?").param(version).query(RuleRow.class)
                .optional();
    }

    /** Inserts the next version; a concurrent save of the same number fails on the primary key. */
    public void insertRules(long version, String source, String savedBy, String note, Instant at) {
        jdbc.sql("INSERT INTO risk_rule_version (version, source, saved_by, note, saved_at) VALUES (?, ?, ?, ?, ?)")
                .params(version, source, savedBy, note, utc(at)).update();
    }

    // events

    public void insertEvent(String instanceId, String key, String action, long userId, String deviceId, long amountFen,
            Long merchantId, Long payeeUserId, String cardKey, boolean passwordFree, String decision, long rulesVersion,
            String fired, String testFired, Instant at) {
        jdbc.sql("""
                INSERT INTO risk_event (instance_id, event_key, action, user_id, device_id, amount_fen, merchant_id,
                    payee_user_id, card_key, password_free, decision, rules_version, fired, test_fired, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(instanceId, key, action, userId, deviceId, amountFen, merchantId, payeeUserId, cardKey,
                        passwordFree, decision, rulesVersion, cut(fired), cut(testFired), utc(at))
                .update();
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    /** Events since a time, oldest first, for rebuilding the memory. */
    public List<EventRow> eventsSince(Instant since, long afterId, int limit) {
        return jdbc.sql("SELECT * FROM risk_event WHERE at >= ? AND id > ? ORDER BY id LIMIT " + limit)
                .params(utc(since), afterId).query(EventRow.class).list();
    }

    /** Other instances' events after a watermark. */
    public List<EventRow> othersAfter(String instanceId, long afterId, int limit) {
        return jdbc.sql("SELECT * FROM risk_event WHERE id > ? AND instance_id <> ? ORDER BY id LIMIT " + limit)
                .params(afterId, instanceId).query(EventRow.class).list();
    }

    public long maxEventId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM risk_event").query(Long.class).single();
    }

    public List<EventRow> recentOf(long userId, int limit) {
        return jdbc.sql("SELECT * FROM risk_event WHERE user_id = ? ORDER BY id DESC LIMIT " + limit).param(userId)
                .query(EventRow.class).list();
    }

    // blacklist

    public List<BlacklistRow> blacklist() {
        return jdbc.sql("SELECT * FROM risk_blacklist ORDER BY added_at DESC").query(BlacklistRow.class).list();
    }

    public boolean addBlacklist(String kind, String entry, String reason, String addedBy, Instant at) {
        if (jdbc.sql("SELECT COUNT(*) FROM risk_blacklist WHERE kind = ? AND entry = ?").params(kind, entry)
                .query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO risk_blacklist (kind, entry, reason, added_by, added_at) VALUES (?, ?, ?, ?, ?)")
                .params(kind, entry, reason, addedBy, utc(at)).update();
        return true;
    }

    public boolean removeBlacklist(String kind, String entry) {
        return jdbc.sql("DELETE FROM risk_blacklist WHERE kind = ? AND entry = ?").params(kind, entry).update() > 0;
    }

    // merchant summary

    public void countMerchant(long merchantId, long payments, long refunds, long complaints, Instant at) {
        // Create the row if missing, then add. The payment's own transaction counts it, so two first
        // payments of a merchant at once must not fail on the primary key: ON CONFLICT DO NOTHING
        // (not NOT EXISTS, which both would pass under read committed) lets the second wait for the
        // first's row and then add to it.
        jdbc.sql("""
                INSERT INTO risk_merchant_stats (merchant_id, payments, refunds, complaints, updated_at)
                VALUES (?, 0, 0, 0, ?) ON CONFLICT DO NOTHING""")
                .params(merchantId, utc(at)).update();
        jdbc.sql("""
                UPDATE risk_merchant_stats SET payments = payments + ?, refunds = refunds + ?,
                    complaints = complaints + ?, updated_at = ? WHERE merchant_id = ?""")
                .params(payments, refunds, complaints, utc(at), merchantId).update();
    }

    public List<MerchantRow> merchantsUpdatedSince(Instant since) {
        return jdbc.sql("SELECT * FROM risk_merchant_stats WHERE updated_at >= ?").param(utc(since))
                .query(MerchantRow.class).list();
    }
}
