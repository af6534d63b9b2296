package io.lingqian.marketing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.demoshop.DemoMerchantFiles;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.Coupons;
import io.lingqian.marketing.StockFunding;
import io.lingqian.merchant.Merchant;
import io.lingqian.testing.DemoEnvironmentTest;

/**
 * A newcomer finds coupons at first run: the demo merchant's merchant-funded stock, started, and
 * Li Lei holding one of its coupons. (Its state is not asserted beyond having been started: other
 * tests move the shared clock, which may have expired it.)
 */
@DemoEnvironmentTest
class DemoCouponsTests {

    @Autowired
    DemoMerchantFiles files;
    @Autowired
    CouponStocks stocks;
    @Autowired
    Coupons coupons;

    @Test
    void theDemoMerchantRunsAStockAndLiLeiHoldsOneOfItsCoupons() {
        Merchant demo = files.merchant();
        CouponStocks.Creator creator = CouponStocks.Creator.merchant(demo.id(), demo.mchid().orElseThrow());
        CouponStock stock = stocks.list(creator, null, 0, 1000).stream()
                .filter(s -> s.name().equals(DemoCoupons.STOCK_NAME)).findFirst().orElseThrow();
        assertThat(stock.funding()).isEqualTo(StockFunding.MERCHANT);
        assertThat(stock.couponAmountFen()).isEqualTo(5_00);
        assertThat(stock.transactionMinimumFen()).as("the demo shop's 38.00 coffee qualifies").isEqualTo(30_00);
        assertThat(stock.startedAt()).isNotNull();
        assertThat(stock.appliesTo(demo.mchid().orElseThrow(), null)).isTrue();
        assertThat(coupons.ofUser(files.payer().id(), stock.stockId(), null, 0, 10)).isNotEmpty();
    }
}
