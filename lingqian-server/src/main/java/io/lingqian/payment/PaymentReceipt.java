package io.lingqian.payment;

import java.time.Instant;

/**
 * A payment made from the wallet.
 *
 * @param payerTotalFen what left the payer's balance: the total less discounts
 */
public record PaymentReceipt(String transactionId, String merchantName, String description, long totalFen,
                             long payerTotalFen, Instant successTime) {
}
