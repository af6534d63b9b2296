package io.lingqian.bank;

import java.time.Instant;

/** One finished operation in a bank's daily statement, as reconciliation reads it. */
public record StatementLine(String operationId, BankOperation.Kind kind, String cardLastFour, long amountFen,
                            BankOperation.Status status, String failureCode, Instant completedAt) {
}
