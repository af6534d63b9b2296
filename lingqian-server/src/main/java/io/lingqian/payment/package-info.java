/**
 * Merchant payments: the order (WeChat Pay's "transaction") with its {@link io.lingqian.payment.TradeState}
 * machine, prepay, query and close for the merchant ({@link io.lingqian.payment.PaymentOrders}), and
 * the payer's cashier shared by every scene ({@link io.lingqian.payment.Cashier}), which moves the
 * money in one linked ledger batch, and refunds ({@link io.lingqian.payment.Refunds}) with their
 * {@link io.lingqian.payment.RefundStatus} machine, which move it back the same way. Risk checks and coupons join a payment through
 * {@link io.lingqian.payment.PaymentHook}. The protocol (WeChat Pay v3 JSON) is the API layer's
 * business ({@code io.lingqian.api.v3.pay}); this context speaks in records and
 * {@link io.lingqian.payment.PaymentRefusal}s. Tables {@code payment_order*} and {@code payment_refund*} are reached only through
 * {@code internal}. See docs/payments.md.
 */
package io.lingqian.payment;
