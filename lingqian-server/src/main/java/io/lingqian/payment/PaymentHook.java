package io.lingqian.payment;

import java.util.List;

/**
 * Where the risk engine and coupons join a payment. Every {@code PaymentHook} bean is called, in
 * {@code @Order}, inside the payment's transaction with the order locked, after the payer, device
 * and password were checked and before anything is recorded or posted. With no hook bean a payment
 * passes through unchanged.
 *
 * <ul>
 * <li>To refuse (risk): throw an {@link io.lingqian.platform.ApiProblemException}; the payment is
 *     refused with it and nothing changes.</li>
 * <li>To discount (coupons): return {@link Discount}s. The payer then pays the total less the
 *     discounts. A pre-funded (CASH) discount is posted from its funding account to the merchant in
 *     the same linked batch as the payment; a merchant-funded (NOCASH) one posts nothing, so the
 *     merchant receives the total less it. The fee is on the total less the merchant-funded
 *     discounts (WeChat's 应结订单金额). The discounts are kept with the order
 *     ({@link PaymentRecords#discountsOf}) for its {@code promotion_detail} and its refunds.</li>
 * </ul>
 */
public interface PaymentHook {

    /**
     * What a hook sees of the payment about to be made.
     *
     * @param coupon the payer's choice among their coupons: the best applicable (the default), none,
     *               or one named coupon
     */
    record PaymentAttempt(PaymentOrder order, long payerUserId, String deviceId, boolean passwordFree,
                          CouponChoice coupon) {

        public PaymentAttempt(PaymentOrder order, long payerUserId, String deviceId, boolean passwordFree) {
            this(order, payerUserId, deviceId, passwordFree, CouponChoice.BEST);
        }
    }

    /** Which coupon the payer wants used: {@link #BEST} (the default), {@link #NONE}, or {@link #of} one. */
    record CouponChoice(boolean none, String couponId) {

        public static final CouponChoice BEST = new CouponChoice(false, null);
        public static final CouponChoice NONE = new CouponChoice(true, null);

        public static CouponChoice of(String couponId) {
            return new CouponChoice(false, couponId);
        }

        /** {@code null} or blank: the best; {@code "none"}: no coupon; anything else a coupon id. */
        public static CouponChoice parse(String text) {
            if (text == null || text.isBlank()) {
                return BEST;
            }
            return "none".equalsIgnoreCase(text.strip()) ? NONE : of(text.strip());
        }
    }

    /** WeChat's promotion {@code type}: pre-funded (充值型) or funded by the paying merchant (免充值型). */
    enum PromotionType { CASH, NOCASH }

    /**
     * How a discount is shown in {@code promotion_detail} (reference §6.3). The three contributions
     * add up to the discount's amount.
     *
     * @param stockId the coupon stock or discount rule the discount came from, or null
     * @param scope   {@code GLOBAL} (the whole order) or {@code SINGLE}
     */
    record Promotion(String stockId, String scope, PromotionType type, long wechatpayContributeFen,
                     long merchantContributeFen, long otherContributeFen) {
    }

    /**
     * A discount on a payment.
     *
     * @param id               unique within the payment (the coupon id): names the posting
     * @param fundingAccountId the ledger account a pre-funded (CASH) discount is paid from (a coupon
     *                         budget); 0 for a merchant-funded (NOCASH) one, which posts nothing: the
     *                         merchant simply receives the total less it
     */
    record Discount(String id, String description, long amountFen, long fundingAccountId, Promotion promotion) {

        /** A pre-funded discount the platform pays (shown as {@code wechatpay_contribute}). */
        public Discount(String id, String description, long amountFen, long fundingAccountId) {
            this(id, description, amountFen, fundingAccountId,
                    new Promotion(null, "GLOBAL", PromotionType.CASH, amountFen, 0, 0));
        }

        public boolean merchantFunded() {
            return promotion.type() == PromotionType.NOCASH;
        }
    }

    /** Pass-through: no refusal, no discount. */
    default List<Discount> beforeMoneyMoves(PaymentAttempt attempt) {
        return List.of();
    }
}
