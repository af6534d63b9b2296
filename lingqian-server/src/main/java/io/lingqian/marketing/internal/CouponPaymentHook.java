package io.lingqian.marketing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.lingqian.marketing.Coupon;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponUsed;
import io.lingqian.marketing.Coupons;
import io.lingqian.marketing.InstantDiscounts;
import io.lingqian.marketing.StockFunding;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.platform.ApiProblemException;

/**
 * Coupons at payment: in the payment's transaction, with the order locked, the payer's usable
 * coupons are locked too (so two payments can never redeem one coupon), the payer's choice is
 * applied (the best by default, one named coupon, or none), and each coupon used becomes USED and
 * is returned as a {@link PaymentHook.Discount}; then an instant discount (立减, {@link InstantDiscounts})
 * on what the coupons left to pay, whatever the coupon choice. Runs after the risk gate.
 */
@Component
@Order(100)
class CouponPaymentHook implements PaymentHook {

    private final CouponStore coupons;
    private final StockStore stocks;
    private final ApplicationEventPublisher events;
    private final InstantDiscounts instantDiscounts;
    private final Clock clock;

    CouponPaymentHook(CouponStore coupons, StockStore stocks, InstantDiscounts instantDiscounts,
            ApplicationEventPublisher events, Clock clock) {
        this.coupons = coupons;
        this.instantDiscounts = instantDiscounts;
        this.stocks = stocks;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<Discount> beforeMoneyMoves(PaymentAttempt attempt) {
        List<Discount> discounts = new ArrayList<>(attempt.coupon().none() ? List.of() : coupons(attempt));
        long payable = attempt.order().totalFen() - discounts.stream().mapToLong(Discount::amountFen).sum();
        instantDiscounts.applyAtPayment(attempt.order(), attempt.payerUserId(), payable).ifPresent(discounts::add);
        return discounts;
    }

    private List<Discount> coupons(PaymentAttempt attempt) {
        PaymentOrder order = attempt.order();
        Instant now = clock.instant();
        List<Coupons.Offer> offers = CouponRules.applicable(coupons.lockUsable(attempt.payerUserId()), order, now);
        List<Coupons.Offer> chosen;
        if (attempt.coupon().couponId() != null) {
            chosen = offers.stream().filter(o -> o.coupon().couponId().equals(attempt.coupon().couponId()))
                    .limit(1).toList();
            if (chosen.isEmpty()) {
                throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "coupon_not_applicable",
                        "Coupon " + attempt.coupon().couponId() + " cannot be used for this payment"
                                + " (used, expired, below its threshold, or not for this merchant).");
            }
        } else {
            chosen = CouponRules.best(offers, order.totalFen());
        }
        List<Discount> discounts = new ArrayList<>();
        for (Coupons.Offer o : chosen) {
            Coupon c = o.coupon();
            if (!coupons.markUsed(c.id(), order.id(), order.transactionId(), order.mchid(), now)) {
                throw new IllegalStateException("coupon " + c.couponId() + " changed under its row lock");
            }
            stocks.used(c.stock().id(), o.discountFen());
            discounts.add(discount(c.stock(), c.couponId(), o.discountFen(), order));
            events.publishEvent(new CouponUsed(c, order.transactionId(), order.mchid(), o.discountFen(), now));
        }
        return discounts;
    }

    /** Who pays the coupon, in the ledger and in {@code promotion_detail}. */
    static Discount discount(CouponStock stock, String id, long amountFen, PaymentOrder order) {
        if (stock.funding() == StockFunding.MERCHANT) {
            return new Discount(id, stock.name(), amountFen, 0,
                    new Promotion(stock.stockId(), "GLOBAL", PromotionType.NOCASH, 0, amountFen, 0));
        }
        boolean platform = stock.funding() == StockFunding.PLATFORM;
        boolean ownSponsor = !platform && stock.creatorMerchantId() == order.merchantId();
        return new Discount(id, stock.name(), amountFen, stock.fundingAccountId(),
                new Promotion(stock.stockId(), "GLOBAL", PromotionType.CASH, platform ? amountFen : 0,
                        ownSponsor ? amountFen : 0, !platform && !ownSponsor ? amountFen : 0));
    }
}
