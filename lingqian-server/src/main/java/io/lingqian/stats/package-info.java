/**
 * Statistics for the operator's dashboard and the merchants' analytics, from summary tables that
 * are folded incrementally from the ledger's journal (never by scanning every order on a page load).
 * {@link io.lingqian.stats.StatsRollup} folds and rebuilds; {@link io.lingqian.stats.Statistics}
 * reads the figures. Tables {@code stats_*} (V900) are reached only through {@code internal}; the
 * fold reads {@code ledger_transfer}, {@code ledger_account}, {@code payment_order},
 * {@code payment_refund} and {@code merchant_application} and never writes them.
 */
package io.lingqian.stats;
