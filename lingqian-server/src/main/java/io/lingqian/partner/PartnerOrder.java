package io.lingqian.partner;

import java.time.Instant;

/**
 * The partner side of an order a provider placed for one of its sub-merchants; the order itself is
 * the sub-merchant's ({@link io.lingqian.payment.PaymentOrder}, found by sub-merchant and out_trade_no).
 *
 * @param subAppid  null when the provider named none
 * @param notifyUrl null for a payment-code order (its answer is synchronous)
 */
public record PartnerOrder(long subMerchantId, String outTradeNo, long providerId, String spAppid, String subAppid,
                           String notifyUrl, Instant createdAt) {
}
