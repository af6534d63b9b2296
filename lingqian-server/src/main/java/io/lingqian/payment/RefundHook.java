package io.lingqian.payment;

/**
 * Where the sandbox holds a refund back (docs/sandbox.md). Every {@code RefundHook} bean is asked, in
 * {@code @Order}, inside the refund's transaction with the order locked, before anything is recorded;
 * the first answer other than {@link Hold#NONE} wins. It is asked only about a refund to the payer's
 * balance (a card refund's outcome is the bank's) with money for the payer in it.
 *
 * <p>A held refund sends the payer's part into transit ({@code WITHDRAWAL_IN_TRANSIT}) instead of to
 * the balance: it stays PROCESSING until {@link Refunds#releaseHeld} settles it, or becomes ABNORMAL
 * at once, for the merchant to re-apply with the abnormal-refund call as for a cancelled card.
 */
public interface RefundHook {

    enum Hold {
        /** The refund goes its ordinary way. */
        NONE,
        /** The refund stays PROCESSING until it is released. */
        PROCESSING,
        /** The refund becomes ABNORMAL (REFUND.ABNORMAL is sent). */
        ABNORMAL
    }

    Hold holdOf(PaymentOrder order, NewRefund request);
}
