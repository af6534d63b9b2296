package io.lingqian.merchant;

import java.time.LocalDate;

/**
 * Published inside the transaction that writes a merchant's settlement of the day, before its payout
 * is moved: a plain {@code @EventListener} posts in the same transaction, so what it posts exists
 * exactly when the settlement does (once per merchant and day).
 *
 * @param feesFen the fees of the period the settlement covers, net of fees returned with refunds
 */
public record SettlementOpened(long settlementId, long merchantId, LocalDate settlementDate, long feesFen) {
}
