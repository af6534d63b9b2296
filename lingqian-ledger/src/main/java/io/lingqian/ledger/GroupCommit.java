package io.lingqian.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Group commit in front of {@link Ledger#createTransfers}: many callers submit their own (small)
 * batches, a writer thread concatenates whatever is queued into one batch of up to
 * {@link Ledger#MAX_BATCH} transfers, applies it in one database transaction, and hands each caller
 * back the results of its own transfers, in its own order.
 *
 * <p>Why: a durable commit costs the same for one transfer as for thousands (one WAL flush), and so
 * do the sequence value, the lock statement, the idempotency lookup and the chain claim of a batch.
 * A caller submitting one transfer per transaction pays all of that alone; through this front it
 * shares it with everybody who arrived during the previous group's commit. No timer is involved:
 * the next group is whatever queued while the last one committed (the LMAX Disruptor's natural
 * batching), so a lone caller is not delayed and a crowd gets larger groups.
 *
 * <p>What a caller sees is what it would see calling the ledger alone, at some point between its
 * submission and its answer:
 * <ul>
 *   <li>its transfers succeed or fail one by one, and a refusal of another caller's transfer never
 *       fails its own; linked chains are kept inside one submission, and a submission whose last
 *       transfer is still linked is applied on its own so its chain cannot run into a
 *       stranger's transfers (it gets {@code LINKED_EVENT_CHAIN_OPEN}, as alone);</li>
 *   <li>two submissions using the same transfer id are ordered like two calls: the later one gets
 *       {@code EXISTS} or {@code EXISTS_WITH_DIFFERENT_…};</li>
 *   <li>when the group's transaction fails (after the ledger's own retries of transient conflicts),
 *       nothing of the group is applied and every caller in it gets the exception. Retrying with the
 *       same ids is safe: transfers are idempotent. The exception: when the database rejected a
 *       value or a constraint, which follows one caller's row, each submission of the group is
 *       applied again on its own, so only that caller gets the error.</li>
 * </ul>
 * Submissions that a caller makes without waiting for the previous answer may be applied in either
 * order when there is more than one writer; dependent transfers belong in one submission.
 *
 * <p>Only for callers that hold no database transaction of their own. A business transaction that
 * must commit together with its postings calls {@link Ledger#createTransfers} directly, which joins
 * that transaction; a writer thread cannot.
 *
 * <p>Everything is bounded: at most {@code queueCapacity} submissions wait (a full queue blocks
 * {@link #submit}, which is the back-pressure), and a group holds at most {@code maxGroupTransfers}.
 *
 * <p>It is itself a {@link Ledger}, so that concurrent callers post through it without knowing it is
 * there: {@link #createTransfers} (and so {@link #createTransfer} and {@link #createLinked}) go
 * through the groups; every other method, reads and account changes, goes straight to the ledger
 * behind it.
 */
public final class GroupCommit implements Ledger, AutoCloseable {

    /** Waiting submissions before {@link #submit} blocks. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    private static final Submission STOP = new Submission(List.of(), null);

    private final Ledger ledger;
    private final int maxGroupTransfers;
    private final BlockingQueue<Submission> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong transfers = new AtomicLong();
    private volatile boolean closed;

    /** One writer, groups of up to {@link Ledger#MAX_BATCH}: the single-writer design. */
    public GroupCommit(Ledger ledger) {
        this(ledger, 1, Ledger.MAX_BATCH, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * @param writers           threads applying groups; more than one lets one group's commit overlap
     *                          the next group's statements, at the price of lock waits between them
     * @param maxGroupTransfers most transfers in one database transaction (1 to {@link Ledger#MAX_BATCH})
     * @param queueCapacity     most submissions waiting
     */
    public GroupCommit(Ledger ledger, int writers, int maxGroupTransfers, int queueCapacity) {
        if (writers < 1 || writers > 64) {
            throw new IllegalArgumentException("writers must be 1-64, was " + writers);
        }
        if (maxGroupTransfers < 1 || maxGroupTransfers > Ledger.MAX_BATCH) {
            throw new IllegalArgumentException("maxGroupTransfers must be 1-" + Ledger.MAX_BATCH + ", was "
                    + maxGroupTransfers);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
        }
        this.ledger = ledger;
        this.maxGroupTransfers = maxGroupTransfers;
        // +writers: room for the stop signals even when callers have filled the queue
        this.queue = new ArrayBlockingQueue<>(queueCapacity + writers);
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::write, "ledger-group-commit-" + i);
            t.setDaemon(true);
            this.writers.add(t);
            t.start();
        }
    }

    /**
     * Queues the transfers for the next group. The future completes with one result per transfer, in
     * order, or exceptionally with the {@link LedgerException} that rolled the group back.
     *
     * @throws IllegalArgumentException more than {@code maxGroupTransfers} transfers, or a null one
     * @throws IllegalStateException    after {@link #close()}
     */
    public CompletableFuture<List<TransferResult>> submit(List<TransferRequest> transfers) {
        if (transfers.size() > maxGroupTransfers) {
            throw new IllegalArgumentException("at most " + maxGroupTransfers + " per submission, was "
                    + transfers.size());
        }
        for (TransferRequest t : transfers) {
            if (t == null) {
                throw new IllegalArgumentException("a transfer request is null");
            }
        }
        CompletableFuture<List<TransferResult>> result = new CompletableFuture<>();
        if (transfers.isEmpty()) {
            result.complete(List.of());
            return result;
        }
        if (closed) {
            throw new IllegalStateException("group commit is closed");
        }
        try {
            queue.put(new Submission(List.copyOf(transfers), result));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for room in the group-commit queue", e);
        }
        return result;
    }

    /**
     * {@link #submit} and wait: the same answer as {@link Ledger#createTransfers}, applied in a
     * transaction shared with the other callers of the moment.
     */
    @Override
    public List<TransferResult> createTransfers(List<TransferRequest> transfers) {
        try {
            return submit(transfers).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for the group commit", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    @Override
    public TransferResult createTransfer(TransferRequest transfer) {
        return createTransfers(List.of(transfer)).get(0);
    }

    // Everything but posting goes straight to the ledger behind the front.

    @Override
    public List<AccountResult> createAccounts(List<NewAccount> accounts) {
        return ledger.createAccounts(accounts);
    }

    @Override
    public long nextAccountId() {
        return ledger.nextAccountId();
    }

    @Override
    public Optional<Account> account(long id) {
        return ledger.account(id);
    }

    @Override
    public Optional<Account> accountByReference(String reference) {
        return ledger.accountByReference(reference);
    }

    @Override
    public List<Account> accounts(List<Long> ids) {
        return ledger.accounts(ids);
    }

    @Override
    public Optional<Transfer> transfer(String id) {
        return ledger.transfer(id);
    }

    @Override
    public List<Transfer> transfersByReference(String reference) {
        return ledger.transfersByReference(reference);
    }

    @Override
    public Statement statement(long accountId, long afterSeq, int limit) {
        return ledger.statement(accountId, afterSeq, limit);
    }

    @Override
    public long statement(long accountId, Instant from, Instant to, Consumer<Statement.Line> each) {
        return ledger.statement(accountId, from, to, each);
    }

    @Override
    public StatusChange changeStatus(long accountId, AccountStatus status) {
        return ledger.changeStatus(accountId, status);
    }

    @Override
    public int voidExpiredPendingTransfers(int limit) {
        return ledger.voidExpiredPendingTransfers(limit);
    }

    @Override
    public InvariantReport checkInvariants() {
        return ledger.checkInvariants();
    }

    @Override
    public JournalVerification verifyJournal() {
        return ledger.verifyJournal();
    }

    /** Groups applied (committed or failed) so far; a group split up after a data error counts as its parts. */
    public long groups() {
        return groups.get();
    }

    /** Transfers in those groups, whatever their results. */
    public long transfers() {
        return transfers.get();
    }

    /**
     * Stops taking submissions, applies those already queued, and stops the writers. A submission
     * that raced with closing and was not applied completes exceptionally.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        for (int i = 0; i < writers.size(); i++) {
            while (true) {
                try {
                    queue.put(STOP);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Thread t : writers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Submission s; (s = queue.poll()) != null; ) {
            if (s != STOP) {
                s.result.completeExceptionally(new IllegalStateException("group commit is closed"));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A writer: take what is queued, up to one group, apply it, answer each caller; until stopped. */
    private void write() {
        Submission carried = null;
        while (true) {
            Submission first;
            if (carried != null) {
                first = carried;
                carried = null;
            } else {
                first = takeUninterruptibly();
            }
            if (first == STOP) {
                return;
            }
            List<Submission> group = new ArrayList<>();
            group.add(first);
            int size = first.transfers.size();
            boolean stop = false;
            // A chain left open at the end of a submission must not link into the next caller's
            // transfers, so such a submission is a group of its own.
            if (!first.endsLinked()) {
                while (size < maxGroupTransfers) {
                    Submission next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (next == STOP) {
                        stop = true;
                        break;
                    }
                    if (next.endsLinked() || size + next.transfers.size() > maxGroupTransfers) {
                        carried = next;
                        break;
                    }
                    group.add(next);
                    size += next.transfers.size();
                }
            }
            apply(group, size);
            if (stop) {
                if (carried != null) {
                    apply(List.of(carried), carried.transfers.size());
                }
                return;
            }
        }
    }

    private void apply(List<Submission> group, int size) {
        List<TransferRequest> batch = new ArrayList<>(size);
        for (Submission s : group) {
            batch.addAll(s.transfers);
        }
        List<TransferResult> results;
        try {
            results = ledger.createTransfers(batch);
            if (results.size() != size) {
                throw new IllegalStateException("the ledger answered " + results.size() + " results for " + size
                        + " transfers");
            }
        } catch (RuntimeException | Error e) {
            // The group was one transaction and rolled back as a whole. When the store refused the
            // data of some row (a value it cannot hold), that row belongs to one caller: apply each
            // submission on its own, so that only the caller who sent it gets the error.
            if (group.size() > 1 && isDataError(e)) {
                for (Submission s : group) {
                    apply(List.of(s), s.transfers.size());
                }
                return;
            }
            for (Submission s : group) {
                s.result.completeExceptionally(e);
            }
            groups.incrementAndGet();
            transfers.addAndGet(size);
            return;
        }
        groups.incrementAndGet();
        transfers.addAndGet(size);
        int from = 0;
        for (Submission s : group) {
            int to = from + s.transfers.size();
            s.result.complete(List.copyOf(results.subList(from, to)));
            from = to;
        }
    }

    /**
     * Whether the database rejected a value (SQLState class 22, data exception, such as a NUL
     * character PostgreSQL cannot store) or a constraint (class 23) after the ledger's own retries.
     * Such a failure follows one row, unlike a lost connection, which would fail every submission
     * again and is not worth repeating once per caller.
     */
    private static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private Submission takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // A writer stops only through STOP, so that no queued caller is left without an answer.
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException c && c.getCause() != null) {
            cause = c.getCause();
        }
        if (cause instanceof Error e) {
            throw e;
        }
        // A new exception per caller, so that each carries its own stack as well as the group's cause.
        return new LedgerException("group commit failed: " + cause.getMessage(), cause);
    }

    private record Submission(List<TransferRequest> transfers, CompletableFuture<List<TransferResult>> result) {
        boolean endsLinked() {
            return !transfers.isEmpty() && transfers.get(transfers.size() - 1).linked();
        }
    }
}
