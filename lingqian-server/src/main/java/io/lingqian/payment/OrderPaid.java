package io.lingqian.payment;

/**
 * Published inside the payment's transaction, right after the order became SUCCESS. Listeners that
 * run synchronously (a plain {@code @EventListener}) write in the same transaction, so whatever
 * they record (the merchant's payment notification) commits or rolls back with the payment.
 */
public record OrderPaid(PaymentOrder order) {
}
