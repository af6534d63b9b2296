package io.lingqian.merchant;

/**
 * A merchant's money as the portal shows it.
 *
 * @param pendingFen   takings not yet paid out (the settlement account's posted balance)
 * @param inTransitFen part of that on its way to the bank now
 * @param settledFen   everything paid out to the bank so far
 */
public record MerchantBalance(long pendingFen, long inTransitFen, long settledFen) {
}
