package io.lingqian.reconciliation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One difference found for a bank and day.
 *
 * @param key          what it is about: the ledger's name for the operation ({@code topup:42},
 *                     {@code withdrawal:7}, {@code settlement:3:1}) or the bank's operation id
 * @param bankFen      the bank's net effect on the platform's account there (+ in, − out)
 * @param ledgerFen    the ledger's net effect on the bank's reserve account
 * @param correctionId the ADJUSTMENT transfer that resolved it
 */
public record ReconItem(long id, String bank, LocalDate day, String key, Difference difference, String operationId,
                        String transferId, long bankFen, long ledgerFen, String detail, ItemState state,
                        String correctionId, String reason, String resolvedBy, Instant createdAt, Instant resolvedAt) {
}
