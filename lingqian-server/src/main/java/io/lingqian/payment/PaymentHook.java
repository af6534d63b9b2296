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
 *     discounts, each discount is posted from its funding account to the merchant in the same
 *     linked batch as the payment, and the merchant's fee stays on the full total.</li>
 * </ul>
 */
public interface PaymentHook {

    /** What a hook sees of the payment about to be made. */
    record PaymentAttempt(PaymentOrder order, long payerUserId, String deviceId, boolean passwordFree) {
    }

    /**
     * A discount on a payment.
     *
     * @param id               unique within the payment (the coupon id): names the posting
     * @param fundingAccountId the ledger account the discount is paid from (a coupon budget)
     */
    record Discount(String id, String description, long amountFen, long fundingAccountId) {
    }

    /** Pass-through: no refusal, no discount. */
    default List<Discount> beforeMoneyMoves(PaymentAttempt attempt) {
        return List.of();
    }
}
