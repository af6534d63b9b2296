/**
 * The Lingqian ledger: the only place where balances change.
 *
 * <p>Modelled on TigerBeetle. An {@link io.lingqian.ledger.Account} carries four totals (debits and
 * credits, posted and pending); a {@link io.lingqian.ledger.Transfer} moves an amount from a debit
 * account to a credit account under a code that says why, and is immutable once written. Pending
 * transfers reserve funds until they are posted, voided or expire. Transfers submitted together are
 * applied in one database transaction; those flagged {@code linked} succeed or fail together.
 *
 * <p>The public surface is {@link io.lingqian.ledger.Ledger} and the records beside it;
 * {@code engine} holds the pure validation and posting rules, {@code jdbc} the store for H2 and
 * PostgreSQL. Amounts are {@code long} minor units (fen); overflow is a result code, never a wrap.
 */
package io.lingqian.ledger;
