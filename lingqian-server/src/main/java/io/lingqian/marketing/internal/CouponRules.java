package io.lingqian.marketing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lingqian.marketing.Coupon;
import io.lingqian.marketing.CouponStatus;
import io.lingqian.marketing.Coupons;
import io.lingqian.payment.PaymentOrder;

/**
 * Which coupons apply to an order (reference §6.1 "use rules"): usable (SENDED), the stock started
 * and inside its window, the paying merchant among the stock's merchants, the order's goods tag among
 * its tags (if any), the total at least the threshold. The discount is the face value, at most the
 * total. Pure code: the cashier's offers and the payment hook decide alike.
 */
public final class CouponRules {

    private CouponRules() {
    }

    /** The coupons of {@code held} that apply to the order at {@code now}, best first. */
    public static List<Coupons.Offer> applicable(List<Coupon> held, PaymentOrder order, Instant now) {
        return held.stream()
                .filter(c -> c.status() == CouponStatus.SENDED && c.stock().redeemableAt(now)
                        && c.stock().appliesTo(order.mchid(), order.goodsTag())
                        && order.totalFen() >= Math.max(c.minimumFen(), 1))
                .map(c -> new Coupons.Offer(c, Math.min(c.amountFen(), order.totalFen())))
                .sorted(Comparator.comparingLong(Coupons.Offer::discountFen).reversed()
                        .thenComparing(o -> o.coupon().stock().availableEnd()))
                .toList();
    }

    /**
     * The best combination: the largest coupon, and, if its stock allows combining, the largest of
     * every other combinable stock, while the order is not yet fully discounted.
     */
    public static List<Coupons.Offer> best(List<Coupons.Offer> offers, long totalFen) {
        if (offers.isEmpty()) {
            return List.of();
        }
        List<Coupons.Offer> chosen = new ArrayList<>();
        Coupons.Offer first = offers.get(0);
        chosen.add(first);
        long left = totalFen - first.discountFen();
        if (first.coupon().stock().combineUse()) {
            Set<String> stocksUsed = new HashSet<>(Set.of(first.coupon().stock().stockId()));
            for (Coupons.Offer o : offers.subList(1, offers.size())) {
                if (left == 0) {
                    break;
                }
                if (o.coupon().stock().combineUse() && stocksUsed.add(o.coupon().stock().stockId())) {
                    long d = Math.min(o.coupon().amountFen(), left);
                    chosen.add(new Coupons.Offer(o.coupon(), d));
                    left -= d;
                }
            }
        }
        return chosen;
    }

}
