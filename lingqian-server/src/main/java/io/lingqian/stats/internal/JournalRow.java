package io.lingqian.stats.internal;

import java.time.Instant;

/** A posted journal row as the fold reads it (holds and voids are not read: they move no posted money). */
public record JournalRow(String id, long seq, String kind, long debitAccountId, long creditAccountId, long amount,
                         int code, String reference, Instant createdAt) {
}
