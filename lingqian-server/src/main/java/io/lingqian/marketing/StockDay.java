package io.lingqian.marketing;

import java.time.LocalDate;

/**
 * One China day (Asia/Shanghai) of a stock: the coupons sent that day (which count against the
 * daily budget) and the coupons used that day (which the budget pays for).
 */
public record StockDay(LocalDate day, long sentCoupons, long sentFen, long usedCoupons, long usedFen) {
}
