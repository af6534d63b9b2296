package io.lingqian.marketing;

/** A coupon: {@code SENDED → USED | EXPIRED} (WeChat's spelling). */
public enum CouponStatus {
    SENDED, USED, EXPIRED
}
