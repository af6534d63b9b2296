/**
 * WeChat Pay's v3 cash-coupon API (代金券, reference §6.1–6.2) over {@code io.lingqian.marketing}:
 * stocks, sending, queries, the COUPON.USE callback address and notification.
 */
package io.lingqian.api.v3.marketing;
