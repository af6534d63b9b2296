package io.lingqian.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The double-entry ledger. Thread-safe; every method that writes runs in one database transaction
 * (or joins the caller's, see {@code io.lingqian.ledger.jdbc.TransactionRunner}).
 */
public interface Ledger {

    /** ISO 4217 numeric code of the Chinese yuan, the ledger of every account today. */
    int CNY = 156;

    /** Most transfers (or accounts) in one call: bounds the transaction's size and lock count. */
    int MAX_BATCH = 8190;

    /** Opens accounts; repeating an open with the same fields is a no-op. One result per request, in order. */
    List<AccountResult> createAccounts(List<NewAccount> accounts);

    /** A fresh account id from the database sequence (1,000,000 and up; lower ids are for platform accounts). */
    long nextAccountId();

    /**
     * Applies a batch of transfers in one database transaction, in order. Each transfer succeeds or
     * fails on its own, except that transfers flagged {@code linked} form a chain with the next one
     * and succeed or fail together. One result per request, in order.
     */
    List<TransferResult> createTransfers(List<TransferRequest> transfers);

    /** One transfer. */
    default TransferResult createTransfer(TransferRequest transfer) {
        return createTransfers(List.of(transfer)).get(0);
    }

    /** Marks the chain linked and applies it all or nothing. */
    default List<TransferResult> createLinked(List<TransferRequest> chain) {
        List<TransferRequest> linked = new java.util.ArrayList<>(chain.size());
        for (int i = 0; i < chain.size(); i++) {
            TransferRequest t = chain.get(i);
            linked.add(i < chain.size() - 1 && !t.linked() ? t.linkedToNext() : t);
        }
        return createTransfers(linked);
    }

    Optional<Account> account(long id);

    Optional<Account> accountByReference(String reference);

    List<Account> accounts(List<Long> ids);

    Optional<Transfer> transfer(String id);

    /** Every transfer carrying this business reference, in ledger order. */
    List<Transfer> transfersByReference(String reference);

    /**
     * A page of the account's statement, oldest first, with running totals.
     *
     * @param afterSeq start after this position (0 for the beginning)
     * @param limit    at most this many lines (1–1000)
     */
    Statement statement(long accountId, long afterSeq, int limit);

    /**
     * The account's statement lines for the transfers written in {@code [from, to)}, oldest first,
     * each with the account's totals after it (the same lines as {@link #statement(long, long, int)}
     * gives). The rows are read through a cursor and handed to {@code each} one at a time, so a
     * window of any size costs constant memory: meant for daily statements and bills. {@code each}
     * runs inside the read transaction; run this inside the caller's transaction when {@code each}
     * writes, so that nothing is repeated if the read is retried.
     *
     * @return how many lines were handed over
     */
    long statement(long accountId, Instant from, Instant to, Consumer<Statement.Line> each);

    /** Freezes, unfreezes or closes an account, under the transitions of {@link AccountStatus}. */
    StatusChange changeStatus(long accountId, AccountStatus status);

    /**
     * Voids up to {@code limit} pending transfers whose timeout has passed by the ledger's clock.
     * Each void is a journaled transfer with id {@code <pendingId>#expired}. Safe to run on several
     * instances at once: rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
     *
     * @return how many holds were voided
     */
    int voidExpiredPendingTransfers(int limit);

    /** Recomputes every invariant from the journal (a full scan; meant for schedules and staff). */
    InvariantReport checkInvariants();

    /** Recomputes the journal's hash chains and names the first broken row of each. */
    JournalVerification verifyJournal();
}
