package io.lingqian.payment.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.payment.BilledRefund;
import io.lingqian.payment.Refund;
import io.lingqian.payment.RefundDestination;
import io.lingqian.payment.RefundStatus;
import io.lingqian.payment.TradeType;

/** The SQL for {@code payment_refund} and {@code payment_refund_event}. */
@Repository
public class RefundStore {

    /** A refund with the digest of the request that created it. */
    public record Stored(Refund refund, String requestHash) {
    }

    /** What the live (not CLOSED) refunds of an order add up to: the base of the next refund's split. */
    public record Totals(int count, long refundFen, long payerRefundFen, long discountRefundFen, long feeRefundFen) {
    }

    /** The split of a new refund, decided by the caller. */
    public record NewRow(String refundId, long merchantId, long orderId, String outRefundNo, String reason,
                         String notifyUrl, List<Refund.FundsFrom> from, RefundDestination destination, long refundFen,
                         long payerRefundFen, long discountRefundFen, long feeRefundFen, String requestHash) {
    }

    private record Row(long id, String refundId, long merchantId, String mchid, long orderId, String outRefundNo,
                       String transactionId, String outTradeNo, String reason, String notifyUrl, String fundsFrom,
                       String destination, String status, long refundFen, long totalFen, Long payerTotalFen,
                       long payerRefundFen, long discountRefundFen, long feeRefundFen, String requestHash,
                       OffsetDateTime createdAt, OffsetDateTime successTime) {

        Stored toStored() {
            return new Stored(new Refund(id, refundId, merchantId, mchid.strip(), orderId, outRefundNo,
                    transactionId.strip(), outTradeNo, reason, notifyUrl, parseFrom(fundsFrom),
                    RefundDestination.valueOf(destination), RefundStatus.valueOf(status), refundFen, totalFen,
                    payerTotalFen == null ? 0 : payerTotalFen, payerRefundFen, discountRefundFen, feeRefundFen,
                    createdAt.toInstant(), successTime == null ? null : successTime.toInstant()), requestHash.strip());
        }
    }

    private static final String SELECT = """
            SELECT r.id, r.refund_id, r.merchant_id, o.mchid, r.order_id, r.out_refund_no, o.transaction_id,
                   o.out_trade_no, r.reason, r.notify_url, r.funds_from, r.destination, r.status, r.refund_fen,
                   o.total_fen, o.payer_total_fen, r.payer_refund_fen, r.discount_refund_fen, r.fee_refund_fen,
                   r.request_hash, r.created_at, r.success_time
            FROM payment_refund r JOIN payment_order o ON o.id = r.order_id""";

    /** The order fields a bill repeats on each refund record, beside the refund's own. */
    private static final String BILLED = SELECT.replace("FROM payment_refund r", """
            , o.appid AS order_appid, o.device_id AS order_device_id, o.payer_openid AS order_payer_openid,
              o.trade_type AS order_trade_type, o.bank_type AS order_bank_type,
              o.description AS order_description, o.attach AS order_attach
            FROM payment_refund r""");
    /** Rows per round trip of the bill's refund cursor. */
    private static final int FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final DataClassRowMapper<Row> rows = new DataClassRowMapper<>(Row.class);

    RefundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a PROCESSING refund; a taken (merchant, out_refund_no) raises DuplicateKeyException. */
    public long insert(NewRow r, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO payment_refund (refund_id, merchant_id, order_id, out_refund_no, reason, notify_url,
                    funds_from, destination, status, refund_fen, payer_refund_fen, discount_refund_fen,
                    fee_refund_fen, request_hash, created_at)
                VALUES (:refundId, :merchant, :order, :outRefundNo, :reason, :notifyUrl, :from, :destination,
                    'PROCESSING', :refund, :payer, :discount, :fee, :hash, :now)""")
                .param("refundId", r.refundId()).param("merchant", r.merchantId()).param("order", r.orderId())
                .param("outRefundNo", r.outRefundNo()).param("reason", r.reason()).param("notifyUrl", r.notifyUrl())
                .param("from", formatFrom(r.from())).param("destination", r.destination().name())
                .param("refund", r.refundFen()).param("payer", r.payerRefundFen())
                .param("discount", r.discountRefundFen()).param("fee", r.feeRefundFen())
                .param("hash", r.requestHash()).param("now", utc(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        event(id, null, RefundStatus.PROCESSING, "requested", now);
        return id;
    }

    public boolean refundIdTaken(String refundId) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_refund WHERE refund_id = :r").param("r", refundId)
                .query(Long.class).single() > 0;
    }

    public Optional<Stored> byOutRefundNo(long merchantId, String outRefundNo) {
        return jdbc.sql(SELECT + " WHERE r.merchant_id = :m AND r.out_refund_no = :o").param("m", merchantId)
                .param("o", outRefundNo).query(Row.class).optional().map(Row::toStored);
    }

    public Optional<Refund> byRefundId(long merchantId, String refundId) {
        return jdbc.sql(SELECT + " WHERE r.merchant_id = :m AND r.refund_id = :r").param("m", merchantId)
                .param("r", refundId).query(Row.class).optional().map(r -> r.toStored().refund());
    }

    /** A refund by its number, whoever's (for the bank's answers, which name no merchant). */
    public Optional<Long> idOf(String refundId) {
        return jdbc.sql("SELECT id FROM payment_refund WHERE refund_id = :r").param("r", refundId).query(Long.class)
                .optional();
    }

    /** Where the payer's part now goes: changed when an ABNORMAL refund is re-applied. */
    public void destination(long id, RefundDestination destination) {
        jdbc.sql("UPDATE payment_refund SET destination = :d WHERE id = :id").param("d", destination.name())
                .param("id", id).update();
    }

    /** How many times the refund became ABNORMAL: numbers its attempts to reach the payer. */
    public int abnormalCount(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_refund_event WHERE refund_id = :id AND to_status = 'ABNORMAL'")
                .param("id", id).query(Integer.class).single();
    }

    public Refund byId(long id) {
        return jdbc.sql(SELECT + " WHERE r.id = :id").param("id", id).query(Row.class).single().toStored().refund();
    }

    /** The refund under a row lock until the transaction ends. */
    public Refund lock(long id) {
        jdbc.sql("SELECT id FROM payment_refund WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
        return byId(id);
    }

    /** The order's refunds, oldest first. */
    public List<Refund> ofOrder(long orderId) {
        return jdbc.sql(SELECT + " WHERE r.order_id = :o ORDER BY r.id").param("o", orderId).query(Row.class).list()
                .stream().map(r -> r.toStored().refund()).toList();
    }

    /**
     * Every merchant's refunds, newest first, at most {@code limit}: narrowed to a merchant's
     * {@code mchid}, a number (out_refund_no, refund_id, out_trade_no or transaction_id) and a status,
     * each when given.
     */
    public List<Refund> search(String mchid, String number, RefundStatus status, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (mchid != null) {
            where.append(" AND o.mchid = :mchid");
            params.put("mchid", mchid);
        }
        if (number != null) {
            where.append(" AND (r.out_refund_no = :number OR r.refund_id = :number OR o.out_trade_no = :number"
                    + " OR o.transaction_id = :number)");
            params.put("number", number);
        }
        if (status != null) {
            where.append(" AND r.status = :status");
            params.put("status", status.name());
        }
        params.put("limit", limit);
        return jdbc.sql(SELECT + where + " ORDER BY r.created_at DESC, r.id DESC LIMIT :limit").params(params)
                .query(Row.class).list().stream().map(r -> r.toStored().refund()).toList();
    }

    /** The merchant's latest refunds, newest first. */
    public List<Refund> ofMerchant(long merchantId, int limit) {
        return jdbc.sql(SELECT + " WHERE r.merchant_id = :m ORDER BY r.created_at DESC, r.id DESC LIMIT :limit")
                .param("m", merchantId).param("limit", limit).query(Row.class).list()
                .stream().map(r -> r.toStored().refund()).toList();
    }

    /**
     * Hands the merchant's refunds created in {@code [from, to)} to {@code each}, oldest first, with
     * the order fields a bill repeats, one at a time from a database cursor (index
     * {@code payment_refund_merchant_idx}). Run it inside a transaction (a cursor needs one on PostgreSQL).
     *
     * @return how many refunds were handed over
     */
    public long forEachCreated(long merchantId, Instant from, Instant to, Consumer<BilledRefund> each) {
        long[] count = {0};
        jdbc.sql(BILLED + " WHERE r.merchant_id = :m AND r.created_at >= :from AND r.created_at < :to"
                        + " ORDER BY r.created_at, r.id")
                .withFetchSize(FETCH_SIZE)
                .param("m", merchantId).param("from", utc(from)).param("to", utc(to))
                .query(rs -> {
                    Refund refund = rows.mapRow(rs, 0).toStored().refund();
                    each.accept(new BilledRefund(refund, rs.getString("order_appid"), rs.getString("order_device_id"),
                            rs.getString("order_payer_openid"), TradeType.valueOf(rs.getString("order_trade_type")),
                            rs.getString("order_bank_type"), rs.getString("order_description"),
                            rs.getString("order_attach")));
                    count[0]++;
                });
        return count[0];
    }

    /** Read under the order's lock, so no refund of the order is added meanwhile. */
    public Totals totals(long orderId) {
        return jdbc.sql("""
                SELECT COUNT(*), COALESCE(SUM(refund_fen), 0), COALESCE(SUM(payer_refund_fen), 0),
                       COALESCE(SUM(discount_refund_fen), 0), COALESCE(SUM(fee_refund_fen), 0)
                FROM payment_refund WHERE order_id = :o AND status <> 'CLOSED'""")
                .param("o", orderId).query((rs, n) -> new Totals(rs.getInt(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5))).single();
    }

    /** Every refund the order ever had, closed ones too: what the per-order cap counts. */
    public int count(long orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_refund WHERE order_id = :o").param("o", orderId)
                .query(Integer.class).single();
    }

    public void transition(long id, RefundStatus from, RefundStatus to, String reason, Instant now) {
        String next = from.next(to).name();
        if (to == RefundStatus.SUCCESS) {
            jdbc.sql("UPDATE payment_refund SET status = :to, success_time = :now WHERE id = :id")
                    .param("to", next).param("now", utc(now)).param("id", id).update();
        } else {
            jdbc.sql("UPDATE payment_refund SET status = :to WHERE id = :id").param("to", next).param("id", id)
                    .update();
        }
        event(id, from, to, reason, now);
    }

    private void event(long refundId, RefundStatus from, RefundStatus to, String reason, Instant at) {
        jdbc.sql("""
                INSERT INTO payment_refund_event (refund_id, from_status, to_status, reason, at)
                VALUES (:r, :from, :to, :reason, :at)""")
                .param("r", refundId).param("from", from == null ? null : from.name()).param("to", to.name())
                .param("reason", reason).param("at", utc(at)).update();
    }

    private static String formatFrom(List<Refund.FundsFrom> from) {
        if (from.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Refund.FundsFrom f : from) {
            text.append(text.isEmpty() ? "" : ",").append(f.account()).append('=').append(f.amountFen());
        }
        return text.toString();
    }

    private static List<Refund.FundsFrom> parseFrom(String text) {
        List<Refund.FundsFrom> from = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                int eq = part.indexOf('=');
                from.add(new Refund.FundsFrom(part.substring(0, eq), Long.parseLong(part.substring(eq + 1))));
            }
        }
        return from;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
