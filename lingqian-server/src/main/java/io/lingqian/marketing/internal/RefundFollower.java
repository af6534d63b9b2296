package io.lingqian.marketing.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.InstantDiscounts;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.RefundChanged;

/**
 * A refund returns a pre-funded coupon's share into its stock's account. If the stock has expired
 * already, nobody would ever take that share out again: once the refund has committed, it goes back
 * to the stock's funder; the same for a stopped instant-discount rule.
 */
@Component
class RefundFollower {

    private final PaymentRecords payments;
    private final CouponStocks stocks;
    private final InstantDiscounts instantDiscounts;

    RefundFollower(PaymentRecords payments, CouponStocks stocks, InstantDiscounts instantDiscounts) {
        this.payments = payments;
        this.stocks = stocks;
        this.instantDiscounts = instantDiscounts;
    }

    @TransactionalEventListener
    void onRefund(RefundChanged changed) {
        payments.order(changed.refund().orderId()).ifPresent(order -> payments.discountsOf(order).stream()
                .filter(d -> !d.merchantFunded())
                .map(PaymentHook.Discount::promotion)
                .filter(p -> p.stockId() != null)
                .forEach(p -> {
                    stocks.returnLeftover(p.stockId());
                    instantDiscounts.returnLeftover(p.stockId());
                }));
    }
}
