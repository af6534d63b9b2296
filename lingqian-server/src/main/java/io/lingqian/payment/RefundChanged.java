package io.lingqian.payment;

/**
 * Published inside the refund's transaction when a refund enters a status the merchant is told
 * about (SUCCESS, ABNORMAL, CLOSED). A plain {@code @EventListener} writes in the same transaction,
 * so the REFUND.* notification commits or rolls back with the change.
 *
 * @param notifyUrl where to tell the merchant: the refund's notify_url, or else the order's
 */
public record RefundChanged(Refund refund, String notifyUrl) {
}
