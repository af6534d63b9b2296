package io.lingqian.marketing;

import java.time.Instant;

/**
 * An instant-discount rule (立减): a merchant's own (for its payments) or the platform's (for every
 * merchant of {@code category}). {@code minAmountFen == maxAmountFen} is a fixed discount, otherwise
 * a random one within the bounds, drawn per payment.
 *
 * @param ownerMerchantId  the merchant that owns (and, unless PLATFORM, funds) it; null for the platform
 * @param category         a platform rule's merchant category ({@link io.lingqian.merchant.MerchantCategory}); null for a merchant's rule
 * @param fundingAccountId a pre-funded rule's own COUPON_FUNDING account; null for a merchant-funded one
 */
public record DiscountRule(long id, String ruleId, Long ownerMerchantId, String ownerMchid, String category,
                           String name, StockFunding funding, long minAmountFen, long maxAmountFen, long thresholdFen,
                           long budgetFen, int perUserDaily, int perUserTotal, DiscountStatus status,
                           Long fundingAccountId, long usedCount, long usedFen, Instant createdAt) {

    public boolean fixed() {
        return minAmountFen == maxAmountFen;
    }
}
