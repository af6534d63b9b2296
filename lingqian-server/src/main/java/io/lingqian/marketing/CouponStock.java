package io.lingqian.marketing;

import java.time.Instant;
import java.util.List;

/**
 * A coupon stock with its counters.
 *
 * @param creatorMerchantId null for a platform stock
 * @param fundingAccountId  the stock's COUPON_FUNDING ledger account (pre-funded stocks, once started), else null
 */
public record CouponStock(long id, String stockId, Long creatorMerchantId, String creatorMchid, String name,
                          String comment, StockFunding funding, long couponAmountFen, long transactionMinimumFen,
                          long maxCoupons, long maxAmountFen, long maxAmountByDayFen, int maxCouponsPerUser,
                          Instant availableBegin, Instant availableEnd, List<String> goodsTags,
                          List<String> availableMchids, boolean combineUse, StockStatus status,
                          Long fundingAccountId, long distributedCoupons, long distributedFen, long usedCoupons,
                          long usedFen, Instant createdAt, Instant startedAt, Instant stoppedAt) {

    /** Whether an order of this merchant with this goods tag may use the stock's coupons. */
    public boolean appliesTo(String mchid, String goodsTag) {
        boolean merchantOk = availableMchids.isEmpty() ? mchid.equals(creatorMchid) : availableMchids.contains(mchid);
        return merchantOk && (goodsTags.isEmpty() || (goodsTag != null && goodsTags.contains(goodsTag)));
    }

    /** Coupons can be redeemed in [availableBegin, availableEnd) unless the stock never started or expired. */
    public boolean redeemableAt(Instant now) {
        return status != StockStatus.CREATED && status != StockStatus.EXPIRED && !now.isBefore(availableBegin)
                && now.isBefore(availableEnd);
    }

    public long remainingBudgetFen() {
        return maxAmountFen - distributedFen;
    }
}
