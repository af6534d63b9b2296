package io.lingqian.care.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.care.Complaint;
import io.lingqian.care.ComplaintKind;
import io.lingqian.care.ComplaintState;
import io.lingqian.care.ComplaintStep;

/** The SQL for {@code care_complaint}, {@code care_complaint_event} and {@code care_complaint_notify_url}. */
@Repository
public class ComplaintStore {

    /** A new complaint as the service decided it. */
    public record NewRow(String complaintId, long userId, long merchantId, String mchid, String transactionId,
                         String outTradeNo, long amountFen, String payerOpenid, ComplaintKind kind,
                         String description, Long requestedRefundFen, Instant replyDueAt, Instant resolveDueAt) {
    }

    private record Row(long id, String complaintId, long userId, long merchantId, String mchid, String transactionId,
                       String outTradeNo, long amountFen, String payerOpenid, String kind, String description,
                       Long requestedRefundFen, String state, OffsetDateTime createdAt, OffsetDateTime replyDueAt,
                       OffsetDateTime resolveDueAt, OffsetDateTime firstResponseAt, OffsetDateTime resolvedAt,
                       OffsetDateTime overdueAt, String overdueReason, OffsetDateTime escalatedAt, String escalatedBy,
                       boolean fullRefunded) {

        Complaint toComplaint() {
            return new Complaint(id, complaintId, userId, merchantId, mchid, transactionId, outTradeNo, amountFen,
                    payerOpenid, ComplaintKind.valueOf(kind), description, requestedRefundFen,
                    ComplaintState.valueOf(state), Sql.instant(createdAt), Sql.instant(replyDueAt),
                    Sql.instant(resolveDueAt), Sql.instant(firstResponseAt), Sql.instant(resolvedAt),
                    Sql.instant(overdueAt), overdueReason, Sql.instant(escalatedAt), escalatedBy, fullRefunded);
        }
    }

    private static final String SELECT = """
            SELECT id, complaint_id, user_id, merchant_id, mchid, transaction_id, out_trade_no, amount_fen,
                   payer_openid, kind, description, requested_refund_fen, state, created_at, reply_due_at,
                   resolve_due_at, first_response_at, resolved_at, overdue_at, overdue_reason, escalated_at,
                   escalated_by, full_refunded
            FROM care_complaint
            """;

    private final JdbcClient jdbc;

    ComplaintStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean complaintIdTaken(String complaintId) {
        return jdbc.sql("SELECT COUNT(*) FROM care_complaint WHERE complaint_id = :c").param("c", complaintId)
                .query(Long.class).single() > 0;
    }

    public long insert(NewRow r, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO care_complaint (complaint_id, user_id, merchant_id, mchid, transaction_id, out_trade_no,
                    amount_fen, payer_openid, kind, description, requested_refund_fen, state, created_at, reply_due_at,
                    resolve_due_at, full_refunded)
                VALUES (:cid, :user, :merchant, :mchid, :tid, :otn, :amount, :openid, :kind, :description, :requested,
                    'PENDING', :now, :reply, :resolve, FALSE)""")
                .param("cid", r.complaintId()).param("user", r.userId()).param("merchant", r.merchantId())
                .param("mchid", r.mchid()).param("tid", r.transactionId()).param("otn", r.outTradeNo())
                .param("amount", r.amountFen()).param("openid", r.payerOpenid()).param("kind", r.kind().name())
                .param("description", r.description()).param("requested", r.requestedRefundFen())
                .param("now", Sql.utc(now)).param("reply", Sql.utc(r.replyDueAt()))
                .param("resolve", Sql.utc(r.resolveDueAt())).update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<Complaint> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional().map(Row::toComplaint);
    }

    public Optional<Complaint> byComplaintId(String complaintId) {
        return jdbc.sql(SELECT + " WHERE complaint_id = :c").param("c", complaintId).query(Row.class).optional()
                .map(Row::toComplaint);
    }

    public Complaint lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).single().toComplaint();
    }

    /** The open complaints of the merchant's order, locked. */
    public List<Complaint> lockOpenOfOrder(long merchantId, String transactionId) {
        return jdbc.sql(SELECT + """
                 WHERE merchant_id = :m AND transaction_id = :t AND state <> 'PROCESSED' ORDER BY id FOR UPDATE""")
                .param("m", merchantId).param("t", transactionId).query(Row.class).list().stream()
                .map(Row::toComplaint).toList();
    }

    public boolean openOfUserAndOrder(long userId, String transactionId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM care_complaint WHERE user_id = :u AND transaction_id = :t AND state <> 'PROCESSED'""")
                .param("u", userId).param("t", transactionId).query(Long.class).single() > 0;
    }

    public long countOfUserAndOrder(long userId, String transactionId) {
        return jdbc.sql("SELECT COUNT(*) FROM care_complaint WHERE user_id = :u AND transaction_id = :t")
                .param("u", userId).param("t", transactionId).query(Long.class).single();
    }

    public List<Complaint> ofUser(long userId, int limit) {
        return jdbc.sql(SELECT + " WHERE user_id = :u ORDER BY created_at DESC, id DESC LIMIT :l").param("u", userId)
                .param("l", limit).query(Row.class).list().stream().map(Row::toComplaint).toList();
    }

    /** The merchant's complaints made in [from, to), newest first. */
    public List<Complaint> ofMerchant(long merchantId, Instant from, Instant to, int limit, int offset) {
        return jdbc.sql(SELECT + """
                 WHERE merchant_id = :m AND created_at >= :from AND created_at < :to
                ORDER BY created_at DESC, id DESC LIMIT :l OFFSET :o""")
                .param("m", merchantId).param("from", Sql.utc(from)).param("to", Sql.utc(to)).param("l", limit)
                .param("o", offset).query(Row.class).list().stream().map(Row::toComplaint).toList();
    }

    public long countOfMerchant(long merchantId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM care_complaint WHERE merchant_id = :m AND created_at >= :from AND created_at < :to""")
                .param("m", merchantId).param("from", Sql.utc(from)).param("to", Sql.utc(to)).query(Long.class)
                .single();
    }

    /** Complaints made in [from, to) per merchant id, for the operator's dashboard. */
    public java.util.Map<Long, Long> countPerMerchant(Instant from, Instant to) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT merchant_id, COUNT(*) AS n FROM care_complaint WHERE created_at >= :from AND created_at < :to
                GROUP BY merchant_id""")
                .param("from", Sql.utc(from)).param("to", Sql.utc(to))
                .query((rs, i) -> counts.put(rs.getLong(1), rs.getLong(2))).list();
        return counts;
    }

    /** Complaints for staff, newest first: all, or only the overdue open ones. */
    public List<Complaint> forStaff(boolean overdueOnly, int limit) {
        String where = overdueOnly ? " WHERE overdue_at IS NOT NULL AND state <> 'PROCESSED'" : "";
        return jdbc.sql(SELECT + where + " ORDER BY created_at DESC, id DESC LIMIT :l").param("l", limit)
                .query(Row.class).list().stream().map(Row::toComplaint).toList();
    }

    /**
     * Up to {@code limit} open complaints not yet marked overdue whose reply (while PENDING) or
     * resolution deadline has passed, locked; rows another instance holds are skipped.
     */
    public List<Long> claimOverdue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM care_complaint
                WHERE state <> 'PROCESSED' AND overdue_at IS NULL
                  AND ((state = 'PENDING' AND reply_due_at <= :now) OR resolve_due_at <= :now)
                ORDER BY id LIMIT :l FOR UPDATE SKIP LOCKED""")
                .param("now", Sql.utc(now)).param("l", limit).query(Long.class).list();
    }

    public void markOverdue(long id, String reason, Instant now) {
        jdbc.sql("UPDATE care_complaint SET overdue_at = :now, overdue_reason = :r WHERE id = :id")
                .param("now", Sql.utc(now)).param("r", reason).param("id", id).update();
    }

    public void transition(long id, ComplaintState from, ComplaintState to, Instant now) {
        int updated = jdbc.sql("""
                UPDATE care_complaint SET state = :to,
                    first_response_at = CASE WHEN :to = 'PROCESSING' THEN :now ELSE first_response_at END,
                    resolved_at = CASE WHEN :to = 'PROCESSED' THEN :now ELSE resolved_at END
                WHERE id = :id AND state = :from""")
                .param("to", to.name()).param("now", Sql.utc(now)).param("id", id).param("from", from.name())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("complaint " + id + " was not " + from);
        }
    }

    public void fullRefunded(long id, boolean full) {
        jdbc.sql("UPDATE care_complaint SET full_refunded = :f WHERE id = :id").param("f", full).param("id", id)
                .update();
    }

    public void escalated(long id, String actor, Instant now) {
        jdbc.sql("UPDATE care_complaint SET escalated_at = :now, escalated_by = :a WHERE id = :id AND escalated_at IS NULL")
                .param("now", Sql.utc(now)).param("a", actor).param("id", id).update();
    }

    public void step(long id, String operator, String operateType, String details, ComplaintState from,
            ComplaintState to, Instant now) {
        jdbc.sql("""
                INSERT INTO care_complaint_event (complaint_id, operator, operate_type, details, from_state, to_state, at)
                VALUES (:c, :op, :type, :details, :from, :to, :now)""")
                .param("c", id).param("op", operator).param("type", operateType).param("details", details)
                .param("from", from == null ? null : from.name()).param("to", to.name()).param("now", Sql.utc(now))
                .update();
    }

    public List<ComplaintStep> steps(long id, int limit, int offset) {
        return jdbc.sql("""
                SELECT id, operator, operate_type, details, from_state, to_state, at FROM care_complaint_event
                WHERE complaint_id = :c ORDER BY id LIMIT :l OFFSET :o""")
                .param("c", id).param("l", limit).param("o", offset)
                .query((rs, n) -> new ComplaintStep(rs.getLong("id"), rs.getString("operator"),
                        rs.getString("operate_type"), rs.getString("details"), rs.getString("from_state"),
                        rs.getString("to_state"), rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    public long countSteps(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM care_complaint_event WHERE complaint_id = :c").param("c", id)
                .query(Long.class).single();
    }

    public Optional<String> notifyUrl(long merchantId) {
        return jdbc.sql("SELECT url FROM care_complaint_notify_url WHERE merchant_id = :m").param("m", merchantId)
                .query(String.class).optional();
    }

    /** Sets the URL; whether one was set before. */
    public boolean putNotifyUrl(long merchantId, String url, Instant now) {
        int updated = jdbc.sql("UPDATE care_complaint_notify_url SET url = :u, updated_at = :now WHERE merchant_id = :m")
                .param("u", url).param("now", Sql.utc(now)).param("m", merchantId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO care_complaint_notify_url (merchant_id, url, updated_at) VALUES (:m, :u, :now)")
                    .param("m", merchantId).param("u", url).param("now", Sql.utc(now)).update();
        }
        return updated > 0;
    }

    public boolean deleteNotifyUrl(long merchantId) {
        return jdbc.sql("DELETE FROM care_complaint_notify_url WHERE merchant_id = :m").param("m", merchantId)
                .update() > 0;
    }
}
