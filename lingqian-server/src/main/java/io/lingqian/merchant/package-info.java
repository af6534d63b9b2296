/**
 * Merchants and the people who run them in the merchant portal. Later issues add applications and
 * their review, API credentials and settlement. {@link io.lingqian.merchant.MerchantAccounts} is the
 * public service; the tables {@code merchant} and {@code merchant_user} are reached only through
 * {@code internal}.
 */
package io.lingqian.merchant;
