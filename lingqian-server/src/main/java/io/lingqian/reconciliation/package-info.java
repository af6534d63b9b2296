/**
 * Reconciliation (对账) with the partner banks: each bank's daily statement is imported, matched
 * against the ledger's bank-facing transfers, and every difference becomes an item that finance
 * staff resolve with a correcting ledger transfer (code ADJUSTMENT) and an audit record.
 * {@link io.lingqian.reconciliation.Reconciliation} is the public service; tables {@code recon_*}
 * (V910) are reached only through {@code internal}, which also reads (never writes)
 * {@code ledger_transfer} and the wallet's operation tables to tie bank operations to transfers.
 */
package io.lingqian.reconciliation;
