package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;

import java.time.Instant;

/** A transfer being written: every field of {@link Transfer}, with the chain position filled in last. */
final class JournalRow {
    final String id;
    /** Within the batch while it is applied (0, 1, …); the journal position once {@link JdbcLedger} takes a range. */
    long seq;
    final TransferKind kind;
    final long debitAccountId;
    final long creditAccountId;
    final long amount;
    final long pendingAmount;
    final int ledger;
    final int code;
    final String pendingId;
    final long timeoutSeconds;
    final String reference;
    final Instant createdAt;
    int chainId;
    long chainSeq;
    String hash;

    JournalRow(String id, long seq, TransferKind kind, long debitAccountId, long creditAccountId, long amount,
               long pendingAmount, int ledger, int code, String pendingId, long timeoutSeconds, String reference,
               Instant createdAt) {
        this.id = id;
        this.seq = seq;
        this.kind = kind;
        this.debitAccountId = debitAccountId;
        this.creditAccountId = creditAccountId;
        this.amount = amount;
        this.pendingAmount = pendingAmount;
        this.ledger = ledger;
        this.code = code;
        this.pendingId = pendingId;
        this.timeoutSeconds = timeoutSeconds;
        this.reference = reference;
        this.createdAt = createdAt;
    }

    static JournalRow of(Transfer t) {
        JournalRow r = new JournalRow(t.id(), t.seq(), t.kind(), t.debitAccountId(), t.creditAccountId(), t.amount(),
                t.pendingAmount(), t.ledger(), t.code(), t.pendingId(), t.timeoutSeconds(), t.reference(),
                t.createdAt());
        r.chainId = t.chainId();
        r.chainSeq = t.chainSeq();
        r.hash = t.hash();
        return r;
    }

    Transfer toTransfer() {
        return new Transfer(id, seq, kind, debitAccountId, creditAccountId, amount, pendingAmount, ledger, code,
                pendingId, timeoutSeconds, reference, createdAt, chainId, chainSeq, hash);
    }
}
