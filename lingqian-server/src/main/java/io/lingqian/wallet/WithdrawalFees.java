package io.lingqian.wallet;

/**
 * The withdrawal fee (domain-rules.md §3): free up to what is left of the person's lifetime quota;
 * beyond it the rate on the part beyond, rounded half up to the fen, and at least the minimum. The
 * fee comes on top of the amount.
 */
public final class WithdrawalFees {

    /**
     * @param freeQuotaUsedFen  how much of this withdrawal the free quota covers
     * @param freeRemainingFen  the quota left after it
     */
    public record Quote(long amountFen, long feeFen, long freeQuotaUsedFen, long freeRemainingFen) {

        public long totalFen() {
            return Math.addExact(amountFen, feeFen);
        }
    }

    private WithdrawalFees() {
    }

    public static Quote quote(long amountFen, long freeRemainingFen, WalletProperties.Withdrawal policy) {
        if (amountFen <= 0) {
            throw new IllegalArgumentException("a withdrawal amount is positive");
        }
        long free = Math.max(0, Math.min(amountFen, freeRemainingFen));
        long charged = amountFen - free;
        long fee = 0;
        if (charged > 0) {
            // rate in basis points: fee = charged × bp / 10,000, half up
            long scaled = Math.multiplyExact(charged, policy.feeRateBasisPoints());
            fee = Math.max(policy.minimumFeeFen(), (scaled + 5_000) / 10_000);
        }
        return new Quote(amountFen, fee, free, Math.max(0, freeRemainingFen - free));
    }
}
