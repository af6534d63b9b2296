/**
 * The people who pay with Lingqian: registration by mobile number, and (in later issues) real-name
 * verification, bank cards, limits and freezing. {@link io.lingqian.wallet.WalletUsers} is the public
 * service; the {@code wallet_user} table is reached only through {@code internal}.
 */
package io.lingqian.wallet;
