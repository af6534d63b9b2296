package io.lingqian.marketing;

import java.time.Instant;

/** A coupon of a user, with the stock facts a wallet or the API shows beside it. */
public record Coupon(long id, String couponId, long userId, CouponStatus status, long amountFen, long minimumFen,
                     Instant createdAt, Instant usedAt, String usedTransactionId, String usedMchid,
                     CouponStock stock) {
}
