package io.lingqian.ledger.jdbc;

import java.time.Instant;

/** A locked hold (a row of ledger_pending) while a batch is applied in memory. */
final class PendingState {
    enum Status { PENDING, POSTED, VOIDED, EXPIRED }

    final String transferId;
    final long debitAccountId;
    final long creditAccountId;
    final long amount;
    final int ledger;
    final int code;
    final String reference;
    final Instant expiresAt;
    /** Created by the batch being applied, so it is inserted rather than updated. */
    final boolean isNew;
    Status status;
    boolean dirty;

    PendingState(String transferId, long debitAccountId, long creditAccountId, long amount, int ledger, int code,
                 String reference, Instant expiresAt, Status status, boolean isNew) {
        this.transferId = transferId;
        this.debitAccountId = debitAccountId;
        this.creditAccountId = creditAccountId;
        this.amount = amount;
        this.ledger = ledger;
        this.code = code;
        this.reference = reference;
        this.expiresAt = expiresAt;
        this.status = status;
        this.isNew = isNew;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
