/**
 * Day-to-day operations on top of the ledger, statistics, settlement and reconciliation: the
 * end-of-day close ({@link io.lingqian.operations.EndOfDay}) with its stored one-page report per day,
 * reconciliation runs started in the background for the console's progress bar
 * ({@link io.lingqian.operations.ReconciliationRuns}), and the read side of the ledger explorer
 * ({@link io.lingqian.operations.LedgerExplorer}). Tables {@code eod_*} (V940) are reached only
 * through {@code internal}, which also reads (never writes) {@code ledger_*}, {@code wallet_user},
 * {@code merchant} and {@code merchant_settlement} to name owners and business objects.
 */
package io.lingqian.operations;
