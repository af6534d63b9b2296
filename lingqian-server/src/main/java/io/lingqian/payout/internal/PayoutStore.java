package io.lingqian.payout.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.payout.BatchState;
import io.lingqian.payout.Payout;
import io.lingqian.payout.PayoutBatch;
import io.lingqian.payout.PayoutState;
import io.lingqian.platform.crypto.FieldCipher;

/** {@code payout} and {@code payout_batch}. The name a merchant gave is sealed at rest. */
@Repository
public class PayoutStore {

    private static final String NAME_PURPOSE = "payout.user_name";
    private static final String PAYOUT_COLUMNS = "p.id, p.payout_no, p.merchant_id, b.batch_id, p.out_no, p.appid,"
            + " p.openid, p.user_id, p.amount_fen, p.remark, p.user_name_sealed, p.state, p.fail_reason,"
            + " p.request_hash, p.created_at, p.updated_at FROM payout p LEFT JOIN payout_batch b ON b.id = p.batch_pk";
    private static final String BATCH_COLUMNS = "id, batch_id, merchant_id, out_batch_no, appid, batch_name,"
            + " batch_remark, total_amount_fen, total_num, transfer_scene_id, state, success_amount_fen, success_num,"
            + " fail_amount_fen, fail_num, request_hash, created_at, updated_at FROM payout_batch";

    /** A payout with its row id and the digest of the request that made it. */
    public record Row(long id, Payout payout, String requestHash) {
    }

    /** A batch with the digest of the request that made it. */
    public record BatchRow(PayoutBatch batch, String requestHash) {
    }

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    PayoutStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public long insertPayout(String payoutNo, long merchantId, Long batchPk, String scope, String outNo, String appid,
            String openid, Long userId, long amountFen, String remark, String userName, String requestHash,
            Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO payout (payout_no, merchant_id, batch_pk, scope, out_no, appid, openid, user_id,"
                        + " amount_fen, remark, user_name_sealed, state, request_hash, created_at, updated_at)"
                        + " VALUES (:no, :m, :b, :scope, :out, :appid, :openid, :u, :amount, :remark, :name, 'INIT',"
                        + " :hash, :now, :now)")
                .param("no", payoutNo).param("m", merchantId).param("b", batchPk).param("scope", scope)
                .param("out", outNo).param("appid", appid).param("openid", openid).param("u", userId)
                .param("amount", amountFen).param("remark", remark)
                .param("name", userName == null ? null : cipher.seal(userName, NAME_PURPOSE))
                .param("hash", requestHash).param("now", utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Moves a payout on, checking the transition against the state it is in. */
    public void transition(long id, PayoutState from, PayoutState to, String failReason, Instant now) {
        from.to(to);
        int updated = jdbc.sql("UPDATE payout SET state = :to, fail_reason = :why, updated_at = :now"
                        + " WHERE id = :id AND state = :from")
                .param("to", to.name()).param("why", failReason).param("now", utc(now)).param("id", id)
                .param("from", from.name()).update();
        if (updated != 1) {
            throw new IllegalStateException("payout " + id + " was not " + from);
        }
    }

    public Optional<Row> byOutNo(long merchantId, String scope, String outNo) {
        return jdbc.sql("SELECT " + PAYOUT_COLUMNS + " WHERE p.merchant_id = :m AND p.scope = :scope AND p.out_no = :out")
                .param("m", merchantId).param("scope", scope).param("out", outNo).query(this::row).optional();
    }

    public Optional<Row> byPayoutNo(String payoutNo) {
        return jdbc.sql("SELECT " + PAYOUT_COLUMNS + " WHERE p.payout_no = :no").param("no", payoutNo)
                .query(this::row).optional();
    }

    /** Count and sum of the merchant's successful payouts to the user since {@code since}. */
    public long[] userSuccessSince(long merchantId, long userId, Instant since) {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM payout WHERE user_id = :u"
                        + " AND merchant_id = :m AND state = 'SUCCESS' AND created_at >= :since")
                .param("u", userId).param("m", merchantId).param("since", utc(since))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** Sum of the merchant's successful payouts since {@code since}. */
    public long merchantSuccessSince(long merchantId, Instant since) {
        return jdbc.sql("SELECT COALESCE(SUM(amount_fen), 0) FROM payout WHERE merchant_id = :m AND state = 'SUCCESS'"
                        + " AND created_at >= :since")
                .param("m", merchantId).param("since", utc(since)).query(Long.class).single();
    }

    public List<Payout> recent(long merchantId, int limit) {
        return jdbc.sql("SELECT " + PAYOUT_COLUMNS + " WHERE p.merchant_id = :m ORDER BY p.id DESC LIMIT :limit")
                .param("m", merchantId).param("limit", limit).query(this::row).list()
                .stream().map(Row::payout).toList();
    }

    public boolean hasMerchantLock(long merchantId) {
        return jdbc.sql("SELECT merchant_id FROM payout_merchant_lock WHERE merchant_id = :m")
                .param("m", merchantId).query(Long.class).optional().isPresent();
    }

    /** Locks the merchant's payout row until the transaction ends. */
    public void lockMerchant(long merchantId) {
        if (jdbc.sql("SELECT merchant_id FROM payout_merchant_lock WHERE merchant_id = :m FOR UPDATE")
                .param("m", merchantId).query(Long.class).optional().isEmpty()) {
            throw new IllegalStateException("the payout lock row of merchant " + merchantId + " is missing");
        }
    }

    /** Adds the merchant's payout lock row (in a transaction of its own: a race for it only loses the insert). */
    public void addMerchantLock(long merchantId) {
        jdbc.sql("INSERT INTO payout_merchant_lock (merchant_id) VALUES (:m)").param("m", merchantId).update();
    }

    public long insertBatch(String batchId, long merchantId, String outBatchNo, String appid, String name, String remark,
            long totalAmountFen, int totalNum, String sceneId, String requestHash, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO payout_batch (batch_id, merchant_id, out_batch_no, appid, batch_name, batch_remark,"
                        + " total_amount_fen, total_num, transfer_scene_id, state, request_hash, created_at, updated_at)"
                        + " VALUES (:id, :m, :out, :appid, :name, :remark, :total, :num, :scene, 'ACCEPTED', :hash,"
                        + " :now, :now)")
                .param("id", batchId).param("m", merchantId).param("out", outBatchNo).param("appid", appid)
                .param("name", name).param("remark", remark).param("total", totalAmountFen).param("num", totalNum)
                .param("scene", sceneId).param("hash", requestHash).param("now", utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void batchTransition(long id, BatchState from, BatchState to, Instant now) {
        from.to(to);
        int updated = jdbc.sql("UPDATE payout_batch SET state = :to, updated_at = :now WHERE id = :id AND state = :from")
                .param("to", to.name()).param("now", utc(now)).param("id", id).param("from", from.name()).update();
        if (updated != 1) {
            throw new IllegalStateException("transfer batch " + id + " was not " + from);
        }
    }

    /** Writes the outcome counters from the batch's details. */
    public void countOutcome(long id) {
        jdbc.sql("UPDATE payout_batch SET"
                        + " success_amount_fen = (SELECT COALESCE(SUM(amount_fen), 0) FROM payout WHERE batch_pk = :id AND state = 'SUCCESS'),"
                        + " success_num = (SELECT COUNT(*) FROM payout WHERE batch_pk = :id AND state = 'SUCCESS'),"
                        + " fail_amount_fen = (SELECT COALESCE(SUM(amount_fen), 0) FROM payout WHERE batch_pk = :id AND state = 'FAIL'),"
                        + " fail_num = (SELECT COUNT(*) FROM payout WHERE batch_pk = :id AND state = 'FAIL')"
                        + " WHERE id = :id")
                .param("id", id).update();
    }

    public Optional<BatchRow> batchByOutNo(long merchantId, String outBatchNo) {
        return jdbc.sql("SELECT " + BATCH_COLUMNS + " WHERE merchant_id = :m AND out_batch_no = :out")
                .param("m", merchantId).param("out", outBatchNo).query(PayoutStore::batchRow).optional();
    }

    public Optional<BatchRow> batchByBatchId(long merchantId, String batchId) {
        return jdbc.sql("SELECT " + BATCH_COLUMNS + " WHERE merchant_id = :m AND batch_id = :id")
                .param("m", merchantId).param("id", batchId).query(PayoutStore::batchRow).optional();
    }

    /** A batch's details in order, optionally only those in one state. */
    public List<Payout> details(long batchPk, PayoutState state, int offset, int limit) {
        return jdbc.sql("SELECT " + PAYOUT_COLUMNS + " WHERE p.batch_pk = :b"
                        + (state == null ? "" : " AND p.state = :state") + " ORDER BY p.id LIMIT :limit OFFSET :offset")
                .param("b", batchPk).param("state", state == null ? null : state.name()).param("limit", limit)
                .param("offset", offset).query(this::row).list().stream().map(Row::payout).toList();
    }

    public Optional<Payout> detailByNo(long batchPk, String detailId) {
        return jdbc.sql("SELECT " + PAYOUT_COLUMNS + " WHERE p.batch_pk = :b AND p.payout_no = :no")
                .param("b", batchPk).param("no", detailId).query(this::row).optional().map(Row::payout);
    }

    public Optional<Payout> detailByOutNo(long batchPk, String outDetailNo) {
        return jdbc.sql("SELECT " + PAYOUT_COLUMNS + " WHERE p.batch_pk = :b AND p.out_no = :out")
                .param("b", batchPk).param("out", outDetailNo).query(this::row).optional().map(Row::payout);
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        long userId = rs.getLong("user_id");
        Long user = rs.wasNull() ? null : userId;
        String sealed = rs.getString("user_name_sealed");
        Payout payout = new Payout(rs.getString("payout_no"), rs.getLong("merchant_id"), rs.getString("batch_id"),
                rs.getString("out_no"), rs.getString("appid"), rs.getString("openid"), user, rs.getLong("amount_fen"),
                rs.getString("remark"), sealed == null ? null : cipher.open(sealed, NAME_PURPOSE),
                PayoutState.valueOf(rs.getString("state")), rs.getString("fail_reason"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
        return new Row(rs.getLong("id"), payout, rs.getString("request_hash"));
    }

    private static BatchRow batchRow(ResultSet rs, int n) throws SQLException {
        return new BatchRow(new PayoutBatch(rs.getLong("id"), rs.getString("batch_id"), rs.getLong("merchant_id"),
                rs.getString("out_batch_no"), rs.getString("appid"), rs.getString("batch_name"),
                rs.getString("batch_remark"), rs.getLong("total_amount_fen"), rs.getInt("total_num"),
                rs.getString("transfer_scene_id"), BatchState.valueOf(rs.getString("state")),
                rs.getLong("success_amount_fen"), rs.getInt("success_num"), rs.getLong("fail_amount_fen"),
                rs.getInt("fail_num"), instant(rs, "created_at"), instant(rs, "updated_at")),
                rs.getString("request_hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
