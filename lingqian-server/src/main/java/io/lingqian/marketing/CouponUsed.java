package io.lingqian.marketing;

import java.time.Instant;

/**
 * A coupon was redeemed in a payment. Published inside the payment's transaction, so a listener's
 * writes (the {@code COUPON.USE} notification) commit exactly when the payment does.
 */
public record CouponUsed(Coupon coupon, String transactionId, String mchid, long discountFen, Instant usedAt) {
}
