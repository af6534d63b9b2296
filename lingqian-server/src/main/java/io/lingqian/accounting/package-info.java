/**
 * Accounting: the platform's books on top of the ledger.
 *
 * <p>Owns the chart of accounts ({@link io.lingqian.accounting.PlatformAccount},
 * {@link io.lingqian.accounting.AccountType}, {@link io.lingqian.accounting.TransferCode}), opens
 * the accounts of users and merchants ({@link io.lingqian.accounting.CustomerAccounts}), wires the
 * {@link io.lingqian.ledger.Ledger} into Spring transactions, and runs the ledger's jobs: voiding
 * expired holds and checking invariants, with their results exported as metrics and to staff.
 *
 * <p>Other contexts move money only through the {@code Ledger} bean, with the codes and accounts
 * named here; none of them writes a ledger table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounting")
package io.lingqian.accounting;
