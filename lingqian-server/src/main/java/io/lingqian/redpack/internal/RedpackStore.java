package io.lingqian.redpack.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.redpack.NewRedpack;
import io.lingqian.redpack.Redpack;
import io.lingqian.redpack.RedpackShare;
import io.lingqian.redpack.RedpackStatus;

/** The SQL for {@code redpack}, {@code redpack_share} and {@code redpack_sender}. */
@Repository
public class RedpackStore {

    private record Row(long id, long merchantId, String mchBillno, String requestDigest, String sendListid,
                       String wxappid, String reOpenid, long userId, String hbType, long totalFen, int totalNum,
                       String sendName, String wishing, String actName, String remark, String status,
                       OffsetDateTime sentAt, OffsetDateTime expiresAt, OffsetDateTime refundedAt, Long refundFen) {
    }

    private record ShareRow(int position, long amountFen, Long userId, String openid, OffsetDateTime openedAt) {
    }

    private static final String SELECT = """
            SELECT id, merchant_id, mch_billno, request_digest, send_listid, wxappid, re_openid, user_id, hb_type,
                   total_fen, total_num, send_name, wishing, act_name, remark, status, sent_at, expires_at,
                   refunded_at, refund_fen FROM redpack""";

    private final JdbcClient jdbc;

    RedpackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises the sends of one merchant, so the limits are counted without a race. */
    public void lockSender(long merchantId) {
        jdbc.sql("INSERT INTO redpack_sender (merchant_id) VALUES (:m) ON CONFLICT DO NOTHING")
                .param("m", merchantId).update();
        jdbc.sql("SELECT merchant_id FROM redpack_sender WHERE merchant_id = :m FOR UPDATE")
                .param("m", merchantId).query(Long.class).single();
    }

    /** The packet with its request digest, for the idempotency check. */
    public Optional<Stored> byBillno(long merchantId, String mchBillno) {
        return jdbc.sql(SELECT + " WHERE merchant_id = :m AND mch_billno = :b").param("m", merchantId)
                .param("b", mchBillno).query(Row.class).optional().map(r -> new Stored(packet(r), r.requestDigest()));
    }

    /** A packet as stored, with the fingerprint of the request that made it. */
    public record Stored(Redpack packet, String requestDigest) {
    }

    public Optional<Redpack> byListid(String sendListid) {
        return jdbc.sql(SELECT + " WHERE send_listid = :l").param("l", sendListid).query(Row.class).optional()
                .map(this::packet);
    }

    public Optional<Redpack> lockByListid(String sendListid) {
        return jdbc.sql(SELECT + " WHERE send_listid = :l FOR UPDATE").param("l", sendListid).query(Row.class)
                .optional().map(this::packet);
    }

    public Optional<Redpack> lockIfFree(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE SKIP LOCKED").param("id", id).query(Row.class)
                .optional().map(this::packet);
    }

    /** Packets addressed to the user, and group packets the user opened a share of, newest first. */
    public List<Redpack> ofUser(long userId, int limit) {
        return jdbc.sql(SELECT + " WHERE user_id = :u OR id IN (SELECT redpack_id FROM redpack_share WHERE user_id = :u)"
                + " ORDER BY sent_at DESC, id DESC LIMIT :n").param("u", userId).param("n", limit)
                .query(Row.class).list().stream().map(this::packet).toList();
    }

    /** A merchant's packets, newest first. */
    public List<Redpack> ofMerchant(long merchantId, int limit) {
        return jdbc.sql(SELECT + " WHERE merchant_id = :m ORDER BY sent_at DESC, id DESC LIMIT :n")
                .param("m", merchantId).param("n", limit).query(Row.class).list().stream().map(this::packet).toList();
    }

    public int countSince(long merchantId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM redpack WHERE merchant_id = :m AND sent_at > :t")
                .param("m", merchantId).param("t", utc(since)).query(Integer.class).single();
    }

    public long amountSince(long merchantId, Instant since) {
        return jdbc.sql("SELECT COALESCE(SUM(total_fen), 0) FROM redpack WHERE merchant_id = :m AND sent_at >= :t")
                .param("m", merchantId).param("t", utc(since)).query(Long.class).single();
    }

    public int countToUserSince(long merchantId, long userId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM redpack WHERE merchant_id = :m AND user_id = :u AND sent_at >= :t")
                .param("m", merchantId).param("u", userId).param("t", utc(since)).query(Integer.class).single();
    }

    public long amountToUserSince(long merchantId, long userId, Instant since) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(total_fen), 0) FROM redpack WHERE merchant_id = :m AND user_id = :u AND sent_at >= :t""")
                .param("m", merchantId).param("u", userId).param("t", utc(since)).query(Long.class).single();
    }

    public long insert(long merchantId, NewRedpack r, String sendListid, long userId, Instant sentAt, Instant expiresAt,
            long[] shares) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO redpack (merchant_id, mch_billno, request_digest, send_listid, wxappid, re_openid, user_id,
                    hb_type, total_fen, total_num, send_name, wishing, act_name, remark, scene_id, status, sent_at,
                    expires_at)
                VALUES (:m, :b, :d, :l, :app, :openid, :u, :type, :total, :num, :sender, :wishing, :act, :remark,
                    :scene, :status, :sent, :exp)""")
                .param("m", merchantId).param("b", r.mchBillno()).param("d", r.digest()).param("l", sendListid)
                .param("app", r.wxappid()).param("openid", r.reOpenid()).param("u", userId)
                .param("type", r.group() ? "GROUP" : "NORMAL").param("total", r.totalFen()).param("num", r.totalNum())
                .param("sender", r.sendName()).param("wishing", r.wishing()).param("act", r.actName())
                .param("remark", r.remark()).param("scene", r.sceneId()).param("status", RedpackStatus.SENT.name())
                .param("sent", utc(sentAt)).param("exp", utc(expiresAt))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        for (int i = 0; i < shares.length; i++) {
            jdbc.sql("INSERT INTO redpack_share (redpack_id, position, amount_fen) VALUES (:id, :p, :a)")
                    .param("id", id).param("p", i).param("a", shares[i]).update();
        }
        return id;
    }

    public void open(long id, int position, long userId, String openid, Instant now) {
        jdbc.sql("""
                UPDATE redpack_share SET user_id = :u, openid = :o, opened_at = :t
                WHERE redpack_id = :id AND position = :p AND user_id IS NULL""")
                .param("u", userId).param("o", openid).param("t", utc(now)).param("id", id).param("p", position)
                .update();
    }

    public void status(long id, RedpackStatus status) {
        jdbc.sql("UPDATE redpack SET status = :s WHERE id = :id").param("s", status.name()).param("id", id).update();
    }

    public void refunded(long id, long refundFen, Instant now) {
        jdbc.sql("UPDATE redpack SET status = 'REFUND', refund_fen = :f, refunded_at = :t WHERE id = :id")
                .param("f", refundFen).param("t", utc(now)).param("id", id).update();
    }

    /** Ids of packets still waiting to be opened whose expiry has passed, oldest first. */
    public List<Long> expired(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM redpack WHERE status = 'SENT' AND expires_at <= :t ORDER BY expires_at LIMIT :n")
                .param("t", utc(now)).param("n", limit).query(Long.class).list();
    }

    private Redpack packet(Row r) {
        List<RedpackShare> shares = jdbc.sql("""
                SELECT position, amount_fen, user_id, openid, opened_at FROM redpack_share WHERE redpack_id = :id
                ORDER BY position""").param("id", r.id()).query(ShareRow.class).list().stream()
                .map(s -> new RedpackShare(s.position(), s.amountFen(), s.userId(), s.openid(), instant(s.openedAt())))
                .toList();
        return new Redpack(r.id(), r.merchantId(), r.mchBillno(), r.sendListid(), r.wxappid(), r.reOpenid(),
                r.userId(), "GROUP".equals(r.hbType()), r.totalFen(), r.totalNum(), r.sendName(), r.wishing(),
                r.actName(), r.remark(), RedpackStatus.valueOf(r.status()), instant(r.sentAt()),
                instant(r.expiresAt()), instant(r.refundedAt()), r.refundFen(), shares);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
