package io.lingqian.payment;

/**
 * Published inside the transaction that creates an order (prepay, and the payment code's order), as
 * NOTPAY. A listener that must act on the committed order uses
 * {@code @TransactionalEventListener(phase = AFTER_COMMIT)}: it then runs before the prepay call returns.
 */
public record OrderPlaced(PaymentOrder order) {
}
