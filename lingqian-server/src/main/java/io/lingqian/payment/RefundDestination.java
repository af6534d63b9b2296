package io.lingqian.payment;

/**
 * Where the payer's part of a refund goes: back along the route the payment came. Chosen in one
 * place ({@code Refunds.destinationOf}), so that a new funding source adds a constant here and a
 * branch there.
 *
 * @param userReceivedAccount {@code user_received_account}, in WeChat's words
 * @param immediate           whether the money arrives in the refund's own transaction (SUCCESS at
 *                            once) rather than after an answer from outside (PROCESSING until then)
 */
public enum RefundDestination {

    /** The payer's balance (零钱): credited in the same transaction, so the refund is SUCCESS at once. */
    BALANCE("支付用户零钱", true),
    /** The card that paid (原路退回): through the bank, PROCESSING until it answers, ABNORMAL if it refuses. */
    CARD("支付用户银行卡", false),
    /** An ABNORMAL refund the merchant re-applied to another card of the payer: through the bank. */
    USER_BANK_CARD("用户银行卡", false),
    /**
     * An ABNORMAL refund the merchant re-applied to itself: the money goes back to the merchant's
     * settlement account at once, and the merchant returns it to the payer by its own means.
     */
    MERCHANT_BANK_CARD("商户银行卡", true);

    private final String userReceivedAccount;
    private final boolean immediate;

    RefundDestination(String userReceivedAccount, boolean immediate) {
        this.userReceivedAccount = userReceivedAccount;
        this.immediate = immediate;
    }

    public String userReceivedAccount() {
        return userReceivedAccount;
    }

    public boolean immediate() {
        return immediate;
    }
}
