package io.lingqian.merchant;

/**
 * A merchant's money as the portal shows it.
 *
 * @param pendingFen   takings not yet paid out nor on their way (the settlement account's balance)
 * @param inTransitFen payouts sent to the bank and not yet confirmed
 * @param settledFen   everything paid out to the bank so far
 */
public record MerchantBalance(long pendingFen, long inTransitFen, long settledFen) {
}
