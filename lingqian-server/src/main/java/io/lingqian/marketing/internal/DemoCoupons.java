package io.lingqian.marketing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.lingqian.demo.DemoContributor;
import io.lingqian.demo.DemoSeed;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.Coupons;
import io.lingqian.marketing.NewStock;
import io.lingqian.marketing.StockFunding;
import io.lingqian.marketing.StockStatus;
import io.lingqian.wallet.WalletUser;

/**
 * Coupons to look at from the first start: the demo merchant runs a merchant-funded stock (¥5 off
 * orders from ¥30, so the demo shop's coffee qualifies), Li Lei holds one of its coupons, and its
 * claim link gives one more to any signed-in wallet user (two per person). Made through the services
 * with fixed request numbers, so a repeated seed answers the same stock and coupon.
 */
@Component
@Order(220)
class DemoCoupons implements DemoContributor {

    static final String STOCK_NAME = "Coffee ¥5";
    static final String STOCK_REQUEST = "demo-coupon-stock";
    /** The most a stock's window may be: the demo coupons stay usable as long as they can. */
    private static final Duration WINDOW = Duration.ofDays(90);

    private final CouponStocks stocks;
    private final Coupons coupons;
    private final Clock clock;

    DemoCoupons(CouponStocks stocks, Coupons coupons, Clock clock) {
        this.stocks = stocks;
        this.coupons = coupons;
        this.clock = clock;
    }

    @Override
    public void contribute(DemoSeed seed) {
        CouponStocks.Creator merchant = CouponStocks.Creator.merchant(seed.merchant().id(),
                seed.merchant().mchid().orElseThrow());
        Instant now = clock.instant();
        CouponStock stock = stocks.create(merchant, new NewStock(STOCK_NAME, "demo", StockFunding.MERCHANT, 5_00, 30_00,
                1_000, 5_000_00, 5_000_00, 2, now, now.plus(WINDOW), List.of(), List.of(), false),
                STOCK_REQUEST, STOCK_REQUEST);
        if (stock.status() == StockStatus.CREATED) {
            stocks.start(merchant, stock.stockId());
        }
        WalletUser li = seed.walletUsers().get(0);
        coupons.send(merchant, stock.stockId(), li.id(), "demo-coupon-" + li.id(), null);
        seed.addSection("Coupons", List.of(
                seed.merchant().name() + ": stock " + stock.stockId() + " \"" + STOCK_NAME + "\" (¥5 off from ¥30,"
                        + " merchant-funded), merchant portal → Coupons",
                li.displayName() + " holds one coupon (wallet → Coupons); claim link for any wallet user:"
                        + " /wallet/coupons/claim/" + stock.stockId(),
                "Platform-funded stocks: admin console → Platform coupons (staff admin or finance); see docs/marketing.md"));
    }
}
