package io.lingqian.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A page of an account's statement, oldest first, with the account's totals after each line.
 *
 * @param opening     the totals before the first line of this page
 * @param nextAfterSeq pass as {@code afterSeq} to read the next page; null on the last page
 */
public record Statement(long accountId, Balances opening, List<Line> lines, Long nextAfterSeq) {

    /** Which side of the transfer the account was on. */
    public enum Side { DEBIT, CREDIT }

    /**
     * One transfer as it touched this account.
     *
     * @param counterpartyAccountId the other account of the transfer
     * @param after                 the account's totals once this transfer was applied
     */
    public record Line(long seq, String transferId, TransferKind kind, Side side, long amount, long pendingAmount,
                       int code, String reference, long counterpartyAccountId, Instant at, Balances after) {
    }
}
