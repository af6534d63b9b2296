package io.lingqian.payment.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.payment.BilledPayment;
import io.lingqian.payment.OrderEvent;
import io.lingqian.payment.OrderFilter;
import io.lingqian.payment.OrderPage;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;

/** Read-only SQL over {@code payment_order} and {@code payment_order_event}: searches, history, the paid-order cursor. */
@Repository
public class OrderReports {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Rows per round trip of the paid-order cursor: a few MiB at most, and few round trips for a day of a million. */
    private static final int FETCH_SIZE = 5000;

    private final JdbcClient jdbc;

    OrderReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param merchantId null for every merchant (staff)
     * @param staff      whether unpaid orders' transaction ids may be searched (they are hidden from merchants)
     */
    public OrderPage search(Long merchantId, OrderFilter filter, boolean staff, int page, int pageSize) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (merchantId != null) {
            where.append(" AND merchant_id = :merchant");
            params.put("merchant", merchantId);
        }
        if (filter.mchid() != null && !filter.mchid().isBlank()) {
            where.append(" AND mchid = :mchid");
            params.put("mchid", filter.mchid().strip());
        }
        if (filter.number() != null && !filter.number().isBlank()) {
            where.append(staff ? " AND (out_trade_no = :number OR transaction_id = :number)"
                    : " AND (out_trade_no = :number OR (transaction_id = :number AND payer_user_id IS NOT NULL))");
            params.put("number", filter.number().strip());
        }
        if (filter.state() != null) {
            where.append(" AND trade_state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.from() != null) {
            where.append(" AND created_at >= :from");
            params.put("from", startOf(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND created_at < :to");
            params.put("to", startOf(filter.to().plusDays(1)));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM payment_order" + where).params(params).query(Long.class).single();
        params.put("limit", pageSize);
        params.put("offset", (long) page * pageSize);
        List<PaymentOrder> orders = jdbc.sql(OrderStore.SELECT + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params).query(OrderStore.Row.class).list().stream().map(r -> r.toStored().order()).toList();
        return new OrderPage(orders, page, pageSize, total);
    }

    public Optional<PaymentOrder> byOutTradeNo(long merchantId, String outTradeNo) {
        return jdbc.sql(OrderStore.SELECT + " WHERE merchant_id = :m AND out_trade_no = :o").param("m", merchantId)
                .param("o", outTradeNo).query(OrderStore.Row.class).optional().map(r -> r.toStored().order());
    }

    public Optional<PaymentOrder> byId(long id) {
        return jdbc.sql(OrderStore.SELECT + " WHERE id = :id").param("id", id).query(OrderStore.Row.class).optional()
                .map(r -> r.toStored().order());
    }

    public List<OrderEvent> events(long orderId) {
        return jdbc.sql("SELECT from_state, to_state, reason, at FROM payment_order_event WHERE order_id = :o ORDER BY id")
                .param("o", orderId)
                .query((rs, n) -> new OrderEvent(
                        rs.getString("from_state") == null ? null : TradeState.valueOf(rs.getString("from_state")),
                        TradeState.valueOf(rs.getString("to_state")), rs.getString("reason"),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * The bill's columns only, by position, with 应结订单金额 worked out in the query (the merchant-funded
     * discounts are summed only for a discounted order): a day of a million orders is one cursor, no
     * query per order and no reflective mapping.
     */
    public long forEachPaid(long merchantId, Instant from, Instant to, Consumer<BilledPayment> each) {
        long[] count = {0};
        jdbc.sql("""
                SELECT o.mchid, o.appid, o.device_id, o.transaction_id, o.out_trade_no, o.payer_openid, o.trade_type,
                       o.bank_type, o.currency, o.total_fen, o.payer_total_fen,
                       CASE WHEN o.payer_total_fen = o.total_fen THEN o.total_fen
                            ELSE o.total_fen - (SELECT COALESCE(SUM(d.amount_fen), 0) FROM payment_discount d
                                                WHERE d.order_id = o.id AND d.promotion_type = 'NOCASH') END,
                       o.fee_fen, o.description, o.attach, o.success_time
                FROM payment_order o
                WHERE o.merchant_id = :m AND o.success_time >= :from AND o.success_time < :to
                ORDER BY o.success_time, o.id""")
                .withFetchSize(FETCH_SIZE)
                .param("m", merchantId).param("from", utc(from)).param("to", utc(to))
                .query(rs -> {
                    each.accept(new BilledPayment(rs.getString(1).strip(), rs.getString(2), rs.getString(3),
                            rs.getString(4).strip(), rs.getString(5), rs.getString(6),
                            TradeType.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getLong(10),
                            rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getString(14), rs.getString(15),
                            rs.getObject(16, OffsetDateTime.class).toInstant()));
                    count[0]++;
                });
        return count[0];
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return utc(day.atStartOfDay(CHINA).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
