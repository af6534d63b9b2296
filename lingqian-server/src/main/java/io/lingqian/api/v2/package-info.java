/**
 * The WeChat Pay v2 merchant API still in use: XML in and out, signed with the merchant's v2 API key
 * (MD5 or HMAC-SHA256, reference §5.1). Today the payment code (付款码): {@code POST /pay/micropay},
 * {@code POST /pay/orderquery} and {@code POST /secapi/pay/reverse} (reference §5.2), on top of
 * {@link io.lingqian.payment.PaymentCodeCashier} and {@link io.lingqian.payment.PaymentOrders}. See
 * docs/api.md and docs/payments.md.
 */
package io.lingqian.api.v2;
