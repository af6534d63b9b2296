/**
 * The people who pay with Lingqian and everything they do with their wallet (零钱) before and around
 * paying: registration with a wallet account on the ledger, real-name verification through a bank's
 * four-element check, account classes and their limits, bound bank cards, the payment password and
 * password-free small payments, devices and the hardware lock, payment codes, top-ups, withdrawals
 * with their fee, and the bill list.
 *
 * <p>Public services sit at the top ({@link io.lingqian.wallet.WalletUsers},
 * {@link io.lingqian.wallet.Verifications}, {@link io.lingqian.wallet.WalletCards},
 * {@link io.lingqian.wallet.PaymentSecurity}, {@link io.lingqian.wallet.WalletLimits},
 * {@link io.lingqian.wallet.TopUps}, {@link io.lingqian.wallet.Withdrawals},
 * {@link io.lingqian.wallet.PaymentCodes}, {@link io.lingqian.wallet.WalletHistory}); the tables are
 * reached only through {@code internal}. Money moves only as ledger transfers (see docs/wallet.md).
 */
package io.lingqian.wallet;
