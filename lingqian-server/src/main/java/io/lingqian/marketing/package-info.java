/**
 * Marketing: coupon stocks (代金券批次) and the coupons sent from them, used at payment through a
 * {@link io.lingqian.payment.PaymentHook}. A stock is merchant-funded (免充值: the paying merchant
 * receives the order total less the coupon) or pre-funded (预充值, by a sponsor merchant's settlement
 * account or the operator's capital: the budget moves into the stock's own COUPON_FUNDING ledger
 * account at start and pays the merchant the coupon's part at each redemption).
 *
 * <p>Public services: {@link io.lingqian.marketing.CouponStocks} (create, start, pause, restart,
 * stop, expiry), {@link io.lingqian.marketing.Coupons} (send, claim, list, the cashier's offers) and
 * {@link io.lingqian.marketing.InstantDiscounts} (立减 rules, applied after the coupons in the same hook);
 * {@link io.lingqian.marketing.CouponUsed} is published in the payment's transaction when a coupon is
 * redeemed. Tables {@code marketing_*} are reached only through {@code internal}. The WeChat Pay
 * protocol is the API layer's business ({@code io.lingqian.api.v3.marketing}). See docs/marketing.md.
 */
package io.lingqian.marketing;
