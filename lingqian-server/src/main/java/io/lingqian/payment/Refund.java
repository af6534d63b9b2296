package io.lingqian.payment;

import java.time.Instant;
import java.util.List;

/**
 * A refund of a paid order, with the order's numbers and amounts it is shown with (reference §3.5).
 *
 * @param refundId          Lingqian's refund number ({@code refund_id}), 29 digits
 * @param notifyUrl         the URL the merchant gave for this refund, or null (then the order's is used)
 * @param payerTotalFen     what the payer paid for the order (the total less discounts)
 * @param payerRefundFen    the part of this refund that goes back to the payer
 * @param discountRefundFen the part that goes back to the discounts' funders
 * @param feeRefundFen      the merchant's fee this refund returned to the merchant
 * @param successTime       when the money arrived; null unless SUCCESS
 */
public record Refund(long id, String refundId, long merchantId, String mchid, long orderId, String outRefundNo,
                     String transactionId, String outTradeNo, String reason, String notifyUrl, List<FundsFrom> from,
                     RefundDestination destination, RefundStatus status, long refundFen, long totalFen,
                     long payerTotalFen, long payerRefundFen, long discountRefundFen, long feeRefundFen,
                     Instant createdAt, Instant successTime) {

    public Refund {
        from = List.copyOf(from);
    }

    /**
     * One entry of {@code amount.from}: how much of the refund the merchant wants taken from which of
     * its funds ({@code AVAILABLE} or {@code UNAVAILABLE}). Recorded and shown as sent; every refund
     * is taken from the merchant's one settlement account.
     */
    public record FundsFrom(String account, long amountFen) {
    }

    /**
     * A discount of the order and what this refund returned of it to its funder.
     *
     * @param id             the discount's id from the payment ({@code promotion_id})
     * @param merchantFunded a NOCASH discount: its share went back to no one (the merchant never received it)
     */
    public record DiscountShare(String id, long amountFen, long refundFen, boolean merchantFunded) {
    }
}
