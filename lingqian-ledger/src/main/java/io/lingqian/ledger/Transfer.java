package io.lingqian.ledger;

import java.time.Instant;

/**
 * A transfer as written in the journal. Immutable: corrections are new transfers.
 *
 * @param seq            position in the ledger's total order; increasing for every account, with gaps
 * @param pendingAmount  for a post or void: the amount of the hold it released (the pending
 *                       transfer's amount); zero otherwise
 * @param chainId        the journal chain this row was hashed into
 * @param chainSeq       position in that chain, consecutive from 1
 * @param hash           SHA-256 (hex) over the previous row's hash in the chain and this row's fields
 */
public record Transfer(String id, long seq, TransferKind kind, long debitAccountId, long creditAccountId,
                       long amount, long pendingAmount, int ledger, int code, String pendingId, long timeoutSeconds,
                       String reference, Instant createdAt, int chainId, long chainSeq, String hash) {
}
