package io.lingqian.marketing;

/**
 * What a new instant-discount rule says; see {@link InstantDiscounts#create} for the ranges.
 *
 * @param category a platform rule's merchant category; null for a merchant's own rule
 */
public record NewDiscountRule(String name, StockFunding funding, String category, long minAmountFen,
                              long maxAmountFen, long thresholdFen, long budgetFen, int perUserDaily,
                              int perUserTotal) {
}
