package io.lingqian.bank;

import io.lingqian.accounting.PartnerBank;

/**
 * One row of the BIN table: the first six digits of a card number name its issuer and product.
 *
 * @param length the number of digits of every card with this BIN, check digit included
 */
public record CardBin(String prefix, PartnerBank bank, CardType type, int length, String product) {
}
