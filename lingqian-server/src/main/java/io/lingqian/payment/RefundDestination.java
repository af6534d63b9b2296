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
    BALANCE("支付用户零钱", true);

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
