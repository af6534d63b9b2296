package io.lingqian.marketing;

import java.time.Instant;
import java.util.List;

/**
 * What a stock is created with (reference §6.1 "Create stock"): a fixed reduction with or without a
 * threshold, its budgets and window, and where its coupons apply.
 *
 * @param transactionMinimumFen the order total a coupon needs (0: no threshold)
 * @param maxAmountFen          the total budget; at most {@code maxCoupons × couponAmountFen} is ever sent
 * @param maxAmountByDayFen     the most sent on one day (China Standard Time)
 * @param maxCouponsPerUser     1 to 60
 * @param goodsTags             the order {@code goods_tag}s the coupons apply to; empty: any order
 * @param availableMchids       the merchants that accept the coupons; empty: only the creator
 * @param combineUse            whether a coupon can be used together with coupons of other stocks
 */
public record NewStock(String name, String comment, StockFunding funding, long couponAmountFen,
                       long transactionMinimumFen, long maxCoupons, long maxAmountFen, long maxAmountByDayFen,
                       int maxCouponsPerUser, Instant availableBegin, Instant availableEnd, List<String> goodsTags,
                       List<String> availableMchids, boolean combineUse) {

    public NewStock {
        goodsTags = goodsTags == null ? List.of() : List.copyOf(goodsTags);
        availableMchids = availableMchids == null ? List.of() : List.copyOf(availableMchids);
    }
}
