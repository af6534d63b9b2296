package io.lingqian.stats.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.stats.Scene;

/** The SQL of the statistics: reading the journal for the fold, writing and reading {@code stats_*}. */
@Repository
public class StatsStore {

    /** Look-ups per statement: keeps IN lists well below every driver's parameter limit. */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    StatsStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The high-water mark, locked until the caller's transaction ends: one fold at a time. */
    public long lockCursor() {
        return jdbc.sql("SELECT last_seq FROM stats_cursor WHERE name = 'journal' FOR UPDATE").query(Long.class).single();
    }

    public long cursor() {
        return jdbc.sql("SELECT last_seq FROM stats_cursor WHERE name = 'journal'").query(Long.class).single();
    }

    public void setCursor(long seq) {
        jdbc.sql("UPDATE stats_cursor SET last_seq = :seq WHERE name = 'journal'").param("seq", seq).update();
    }

    /** Posted journal rows above {@code fromSeq} not folded yet, in journal order. */
    public List<JournalRow> unfolded(long fromSeq, int limit) {
        return jdbc.sql("""
                SELECT t.id, t.seq, t.kind, t.debit_account_id, t.credit_account_id, t.amount, t.code, t.reference,
                       t.created_at
                FROM ledger_transfer t
                WHERE t.seq > :from AND t.kind IN ('SINGLE', 'POST_PENDING')
                  AND NOT EXISTS (SELECT 1 FROM stats_folded f WHERE f.transfer_id = t.id)
                ORDER BY t.seq
                LIMIT :limit""")
                .param("from", fromSeq).param("limit", limit)
                .query((rs, i) -> new JournalRow(rs.getString("id"), rs.getLong("seq"), rs.getString("kind"),
                        rs.getLong("debit_account_id"), rs.getLong("credit_account_id"), rs.getLong("amount"),
                        rs.getInt("code"), rs.getString("reference"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    public void markFolded(List<JournalRow> rows) {
        template.batchUpdate("INSERT INTO stats_folded (transfer_id, seq) VALUES (?, ?)",
                rows.stream().map(r -> new Object[] {r.id(), r.seq()}).toList());
    }

    public void pruneFolded(long belowSeq) {
        jdbc.sql("DELETE FROM stats_folded WHERE seq <= :seq").param("seq", belowSeq).update();
    }

    public Map<Long, String> accountReferences(Collection<Long> ids) {
        Map<Long, String> refs = new HashMap<>();
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("SELECT id, reference FROM ledger_account WHERE id IN (:ids)").param("ids", chunk)
                    .query((rs, i) -> refs.put(rs.getLong("id"), rs.getString("reference"))).list();
        }
        return refs;
    }

    public Map<String, JournalFolder.OrderInfo> ordersByTransactionId(Collection<String> transactionIds) {
        Map<String, JournalFolder.OrderInfo> orders = new HashMap<>();
        for (List<String> chunk : chunks(transactionIds)) {
            jdbc.sql("SELECT transaction_id, trade_type, merchant_id FROM payment_order WHERE transaction_id IN (:ids)")
                    .param("ids", chunk)
                    .query((rs, i) -> orders.put(rs.getString("transaction_id").strip(), new JournalFolder.OrderInfo(
                            Scene.ofTradeType(rs.getString("trade_type")), rs.getLong("merchant_id"))))
                    .list();
        }
        return orders;
    }

    public Map<String, JournalFolder.OrderInfo> ordersByRefundId(Collection<String> refundIds) {
        Map<String, JournalFolder.OrderInfo> orders = new HashMap<>();
        for (List<String> chunk : chunks(refundIds)) {
            jdbc.sql("""
                    SELECT r.refund_id, o.trade_type, o.merchant_id
                    FROM payment_refund r JOIN payment_order o ON o.id = r.order_id
                    WHERE r.refund_id IN (:ids)""")
                    .param("ids", chunk)
                    .query((rs, i) -> orders.put(rs.getString("refund_id"), new JournalFolder.OrderInfo(
                            Scene.ofTradeType(rs.getString("trade_type")), rs.getLong("merchant_id"))))
                    .list();
        }
        return orders;
    }

    public Map<Long, String> categories(Collection<Long> merchantIds) {
        Map<Long, String> categories = new HashMap<>();
        for (List<Long> chunk : chunks(merchantIds)) {
            jdbc.sql("SELECT merchant_id, category FROM merchant_application WHERE merchant_id IN (:ids)")
                    .param("ids", chunk)
                    .query((rs, i) -> categories.put(rs.getLong("merchant_id"), rs.getString("category")))
                    .list();
        }
        return categories;
    }

    /** Adds the deltas to the summary rows (update, else insert: folds are serialised by the cursor lock). */
    public void apply(Deltas d) {
        d.scenes.forEach((k, v) -> {
            int updated = jdbc.sql("""
                    UPDATE stats_daily_scene SET txn_count = txn_count + :c, txn_fen = txn_fen + :f,
                           fee_fen = fee_fen + :fee, refund_count = refund_count + :rc, refund_fen = refund_fen + :rf,
                           coupon_fen = coupon_fen + :cf
                    WHERE stat_day = :day AND scene = :scene AND category = :cat AND merchant_id = :m""")
                    .param("c", v[0]).param("f", v[1]).param("fee", v[2]).param("rc", v[3]).param("rf", v[4])
                    .param("cf", v[5]).param("day", k.day()).param("scene", k.scene().name()).param("cat", k.category())
                    .param("m", k.merchantId()).update();
            if (updated == 0) {
                jdbc.sql("""
                        INSERT INTO stats_daily_scene (stat_day, scene, category, merchant_id, txn_count, txn_fen,
                                                       fee_fen, refund_count, refund_fen, coupon_fen)
                        VALUES (:day, :scene, :cat, :m, :c, :f, :fee, :rc, :rf, :cf)""")
                        .param("c", v[0]).param("f", v[1]).param("fee", v[2]).param("rc", v[3]).param("rf", v[4])
                        .param("cf", v[5]).param("day", k.day()).param("scene", k.scene().name()).param("cat", k.category())
                        .param("m", k.merchantId()).update();
            }
        });
        d.flows.forEach((k, v) -> {
            int updated = jdbc.sql("""
                    UPDATE stats_daily_flow SET txn_count = txn_count + :c, amount_fen = amount_fen + :f
                    WHERE stat_day = :day AND flow = :flow AND party = :party""")
                    .param("c", v[0]).param("f", v[1]).param("day", k.day()).param("flow", k.flow())
                    .param("party", k.party()).update();
            if (updated == 0) {
                jdbc.sql("""
                        INSERT INTO stats_daily_flow (stat_day, flow, party, txn_count, amount_fen)
                        VALUES (:day, :flow, :party, :c, :f)""")
                        .param("c", v[0]).param("f", v[1]).param("day", k.day()).param("flow", k.flow())
                        .param("party", k.party()).update();
            }
        });
        d.active.forEach(u -> jdbc.sql("""
                INSERT INTO stats_user_active (stat_day, user_id)
                SELECT :day, :user WHERE NOT EXISTS
                    (SELECT 1 FROM stats_user_active WHERE stat_day = :day AND user_id = :user)""")
                .param("day", u.day()).param("user", u.userId()).update());
        d.redPackets.forEach((second, v) -> {
            int updated = jdbc.sql("""
                    UPDATE stats_red_packet_second SET sent = sent + :s, opened = opened + :o,
                           sent_fen = sent_fen + :sf, opened_fen = opened_fen + :of
                    WHERE second_at = :at""")
                    .param("s", v[0]).param("o", v[1]).param("sf", v[2]).param("of", v[3])
                    .param("at", utc(second)).update();
            if (updated == 0) {
                var local = second.atZone(JournalFolder.CST);
                jdbc.sql("""
                        INSERT INTO stats_red_packet_second (second_at, stat_day, hour_of_day, sent, opened,
                                                             sent_fen, opened_fen)
                        VALUES (:at, :day, :hour, :s, :o, :sf, :of)""")
                        .param("s", v[0]).param("o", v[1]).param("sf", v[2]).param("of", v[3])
                        .param("at", utc(second)).param("day", local.toLocalDate())
                        .param("hour", local.getHour()).update();
            }
        });
        d.customers.forEach((k, v) -> {
            int updated = jdbc.sql("""
                    UPDATE stats_merchant_customer SET payments = payments + :p, amount_fen = amount_fen + :f
                    WHERE merchant_id = :m AND stat_day = :day AND user_id = :u""")
                    .param("p", v[0]).param("f", v[1]).param("m", k.merchantId()).param("day", k.day())
                    .param("u", k.userId()).update();
            if (updated == 0) {
                jdbc.sql("""
                        INSERT INTO stats_merchant_customer (merchant_id, stat_day, user_id, payments, amount_fen)
                        VALUES (:m, :day, :u, :p, :f)""")
                        .param("p", v[0]).param("f", v[1]).param("m", k.merchantId()).param("day", k.day())
                        .param("u", k.userId()).update();
            }
        });
    }

    /** Empties every summary table and resets the mark, for a rebuild in the same transaction. */
    public void clear() {
        for (String table : List.of("stats_daily_scene", "stats_daily_flow", "stats_user_active",
                "stats_red_packet_second", "stats_merchant_customer", "stats_folded")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        setCursor(0);
    }

    // ---- users (a snapshot of the wallet's tables at the end of a day) ----

    /**
     * Registered, verified, with a bound card and active users per account class at the end of
     * {@code day}; the class from the verification channels confirmed by then.
     */
    public void snapshotUsers(LocalDate day, Instant end, int classTwoChannels, int classThreeChannels) {
        jdbc.sql("DELETE FROM stats_users_daily WHERE stat_day = :day").param("day", day).update();
        jdbc.sql("""
                INSERT INTO stats_users_daily (stat_day, account_class, registered, verified, with_card, active)
                SELECT :day, cls, COUNT(*), SUM(verified), SUM(with_card), SUM(active) FROM (
                    SELECT CASE WHEN ch >= :c3 THEN 'III' WHEN ch >= :c2 THEN 'II' WHEN ch >= 1 THEN 'I'
                                ELSE 'NONE' END AS cls,
                           verified, with_card, active
                    FROM (
                        SELECT (SELECT COUNT(*) FROM wallet_identity_channel c
                                WHERE c.identity_id = u.identity_id AND c.verified_at < :end) AS ch,
                               CASE WHEN u.verified_at IS NOT NULL AND u.verified_at < :end THEN 1 ELSE 0 END
                                   AS verified,
                               CASE WHEN EXISTS (SELECT 1 FROM wallet_card k WHERE k.user_id = u.id
                                                 AND k.bound_at < :end
                                                 AND (k.unbound_at IS NULL OR k.unbound_at >= :end))
                                    THEN 1 ELSE 0 END AS with_card,
                               CASE WHEN EXISTS (SELECT 1 FROM stats_user_active a WHERE a.stat_day = :day
                                                 AND a.user_id = u.id) THEN 1 ELSE 0 END AS active
                        FROM wallet_user u WHERE u.created_at < :end
                    ) per_user
                ) classed
                GROUP BY cls""")
                .param("day", day).param("end", utc(end)).param("c2", classTwoChannels)
                .param("c3", classThreeChannels).update();
    }

    public List<LocalDate> snapshotDays() {
        return jdbc.sql("SELECT DISTINCT stat_day FROM stats_users_daily ORDER BY stat_day").query(LocalDate.class).list();
    }

    // ---- reading ----

    public record SceneRow(LocalDate day, String scene, String category, long merchantId, long count, long fen,
                           long fee, long refundCount, long refundFen, long couponFen) {
    }

    public record FlowRow(LocalDate day, String flow, String party, long count, long fen) {
    }

    public record UsersRow(LocalDate day, String accountClass, long registered, long verified, long withCard,
                           long active) {
    }

    public record RedPacketHour(LocalDate day, int hour, long sent, long opened, long sentFen, long openedFen,
                                long peakSentPerSecond, long peakOpenedPerSecond) {
    }

    public record CustomerRow(LocalDate day, long userId, long payments, long fen) {
    }

    public List<SceneRow> scenes(LocalDate from, LocalDate to, Long merchantId) {
        return jdbc.sql("""
                SELECT stat_day, scene, category, merchant_id, txn_count, txn_fen, fee_fen, refund_count, refund_fen,
                       coupon_fen
                FROM stats_daily_scene WHERE stat_day BETWEEN :from AND :to
                  AND (CAST(:m AS BIGINT) IS NULL OR merchant_id = :m)
                ORDER BY stat_day, scene, category, merchant_id""")
                .param("from", from).param("to", to).param("m", merchantId)
                .query((rs, i) -> new SceneRow(rs.getObject("stat_day", LocalDate.class), rs.getString("scene"),
                        rs.getString("category"), rs.getLong("merchant_id"), rs.getLong("txn_count"),
                        rs.getLong("txn_fen"), rs.getLong("fee_fen"), rs.getLong("refund_count"),
                        rs.getLong("refund_fen"), rs.getLong("coupon_fen")))
                .list();
    }

    public List<FlowRow> flows(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT stat_day, flow, party, txn_count, amount_fen FROM stats_daily_flow
                WHERE stat_day BETWEEN :from AND :to ORDER BY stat_day, flow, party""")
                .param("from", from).param("to", to)
                .query((rs, i) -> new FlowRow(rs.getObject("stat_day", LocalDate.class), rs.getString("flow"),
                        rs.getString("party"), rs.getLong("txn_count"), rs.getLong("amount_fen")))
                .list();
    }

    public List<UsersRow> users(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT stat_day, account_class, registered, verified, with_card, active FROM stats_users_daily
                WHERE stat_day BETWEEN :from AND :to ORDER BY stat_day, account_class""")
                .param("from", from).param("to", to)
                .query((rs, i) -> new UsersRow(rs.getObject("stat_day", LocalDate.class),
                        rs.getString("account_class"), rs.getLong("registered"), rs.getLong("verified"),
                        rs.getLong("with_card"), rs.getLong("active")))
                .list();
    }

    public long activeUsers(LocalDate day) {
        return jdbc.sql("SELECT COUNT(*) FROM stats_user_active WHERE stat_day = :day").param("day", day)
                .query(Long.class).single();
    }

    public List<RedPacketHour> redPacketHours(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT stat_day, hour_of_day, SUM(sent) AS sent, SUM(opened) AS opened, SUM(sent_fen) AS sent_fen,
                       SUM(opened_fen) AS opened_fen, MAX(sent) AS peak_sent, MAX(opened) AS peak_opened
                FROM stats_red_packet_second WHERE stat_day BETWEEN :from AND :to
                GROUP BY stat_day, hour_of_day ORDER BY stat_day, hour_of_day""")
                .param("from", from).param("to", to)
                .query((rs, i) -> new RedPacketHour(rs.getObject("stat_day", LocalDate.class),
                        rs.getInt("hour_of_day"), rs.getLong("sent"), rs.getLong("opened"), rs.getLong("sent_fen"),
                        rs.getLong("opened_fen"), rs.getLong("peak_sent"), rs.getLong("peak_opened")))
                .list();
    }

    public List<CustomerRow> customers(long merchantId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT stat_day, user_id, payments, amount_fen FROM stats_merchant_customer
                WHERE merchant_id = :m AND stat_day BETWEEN :from AND :to ORDER BY stat_day, user_id""")
                .param("m", merchantId).param("from", from).param("to", to)
                .query((rs, i) -> new CustomerRow(rs.getObject("stat_day", LocalDate.class), rs.getLong("user_id"),
                        rs.getLong("payments"), rs.getLong("amount_fen")))
                .list();
    }

    public Map<Long, String> merchantNames(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("SELECT id, name FROM merchant WHERE id IN (:ids)").param("ids", chunk)
                    .query((rs, i) -> names.put(rs.getLong("id"), rs.getString("name"))).list();
        }
        return names;
    }

    private static <T> List<List<T>> chunks(Collection<T> all) {
        List<T> list = new ArrayList<>(all);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
        }
        return chunks;
    }
}
