package io.lingqian.payment;

/**
 * Where a merchant re-applies an ABNORMAL refund (§3.7): to another card of the payer, whose number
 * it sent encrypted (held in memory only), or to the merchant itself.
 */
public record AbnormalRefundTarget(RefundDestination destination, String cardNumber) {

    public AbnormalRefundTarget {
        if (destination != RefundDestination.USER_BANK_CARD && destination != RefundDestination.MERCHANT_BANK_CARD) {
            throw new IllegalArgumentException("an abnormal refund goes to USER_BANK_CARD or MERCHANT_BANK_CARD");
        }
    }

    @Override
    public String toString() {
        return "AbnormalRefundTarget[" + destination + "]";
    }
}
