package io.lingqian.payment.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.payment.PaymentHook;

/**
 * The discounts a payment was made with ({@code payment_discount}, Flyway V700), in the order the
 * hooks gave them: what the order's {@code promotion_detail}, its refunds' discount legs and its
 * bill record are computed from.
 */
@Repository
public class DiscountStore {

    private final JdbcClient jdbc;

    DiscountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long orderId, List<PaymentHook.Discount> discounts) {
        int position = 0;
        for (PaymentHook.Discount d : discounts) {
            PaymentHook.Promotion p = d.promotion();
            jdbc.sql("""
                    INSERT INTO payment_discount (order_id, position, discount_id, description, amount_fen,
                        funding_account_id, stock_id, scope, promotion_type, wechatpay_contribute_fen,
                        merchant_contribute_fen, other_contribute_fen)
                    VALUES (:order, :position, :id, :description, :amount, :funding, :stock, :scope, :type,
                        :wechatpay, :merchant, :other)""")
                    .param("order", orderId).param("position", position++).param("id", d.id())
                    .param("description", d.description()).param("amount", d.amountFen())
                    .param("funding", d.merchantFunded() ? null : d.fundingAccountId())
                    .param("stock", p.stockId()).param("scope", p.scope()).param("type", p.type().name())
                    .param("wechatpay", p.wechatpayContributeFen()).param("merchant", p.merchantContributeFen())
                    .param("other", p.otherContributeFen()).update();
        }
    }

    public List<PaymentHook.Discount> ofOrder(long orderId) {
        return jdbc.sql("""
                SELECT discount_id, description, amount_fen, funding_account_id, stock_id, scope, promotion_type,
                       wechatpay_contribute_fen, merchant_contribute_fen, other_contribute_fen
                FROM payment_discount WHERE order_id = :order ORDER BY position""")
                .param("order", orderId)
                .query((rs, n) -> new PaymentHook.Discount(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), new PaymentHook.Promotion(rs.getString(5), rs.getString(6),
                        PaymentHook.PromotionType.valueOf(rs.getString(7)), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10))))
                .list();
    }

    /** What the order's refunds before this one (by id) returned of its discounts; CLOSED ones returned nothing. */
    public long discountRefundedBefore(long orderId, long refundRowId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(discount_refund_fen), 0) FROM payment_refund
                WHERE order_id = :order AND id < :id AND status <> 'CLOSED'""")
                .param("order", orderId).param("id", refundRowId).query(Long.class).single();
    }
}
