/**
 * Merchants: sign-up and the people who run them in the portal ({@link io.lingqian.merchant.MerchantAccounts}),
 * onboarding and review ({@link io.lingqian.merchant.MerchantApplications}, state machine
 * {@link io.lingqian.merchant.ApplicationState}), fee rates ({@link io.lingqian.merchant.MerchantFees},
 * arithmetic in {@link io.lingqian.merchant.Fees}), apps, openids and the web authorisation
 * ({@link io.lingqian.merchant.MerchantApps}, {@link io.lingqian.merchant.OpenIds},
 * {@link io.lingqian.merchant.WebAuthorization}) and the daily settlement
 * ({@link io.lingqian.merchant.Settlements}).
 *
 * <p>Two ports face the bank: {@link io.lingqian.merchant.SettlementAccountVerifier} and
 * {@link io.lingqian.merchant.SettlementBank}, implemented in {@code internal} through
 * {@link io.lingqian.bank.BankConnector} (the dependency runs merchant → bank). The tables
 * {@code merchant*} are reached only through {@code internal}. See docs/merchants.md.
 */
package io.lingqian.merchant;
