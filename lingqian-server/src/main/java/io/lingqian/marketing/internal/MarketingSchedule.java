package io.lingqian.marketing.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.marketing.CouponStocks;

/**
 * Expires coupon stocks whose window ended on a schedule, unless {@code lingqian.jobs.enabled=false}.
 * Several instances may run it: each stock is expired under its row lock, and an expired one is skipped.
 */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class MarketingSchedule {

    private final CouponStocks stocks;

    MarketingSchedule(CouponStocks stocks) {
        this.stocks = stocks;
    }

    @Scheduled(fixedDelayString = "${lingqian.marketing.expiry-interval:60s}",
            initialDelayString = "${lingqian.marketing.expiry-interval:60s}")
    void expireStocks() {
        stocks.expireDue();
    }
}
