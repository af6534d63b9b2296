package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.lingqian.ledger.CreateTransferResult.*;
import static io.lingqian.ledger.jdbc.LedgerFixture.CNY;
import static io.lingqian.ledger.jdbc.LedgerFixture.CODE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sixteen threads drain and refill five no-overdraft wallets in both directions at once, in
 * multi-account batches whose accounts come in random order (A→B and B→A side by side: the lock
 * order is the ledger's problem), with holds posted and voided, and with a shared pool of transfers
 * that several threads submit under the same ids. Afterwards the books must balance to the fen.
 */
class LedgerConcurrencyTest {

    private static final int THREADS = 16;
    private static final int BATCHES_PER_THREAD = 120;
    private static final int WALLETS = 5;
    private static final long START = 5_000;

    private LedgerFixture f;
    private DataSourceTransactions transactions;
    private JdbcLedger ledger;

    @BeforeEach
    void open() {
        f = LedgerFixture.create(THREADS + 4);
        transactions = new DataSourceTransactions(f.db.dataSource());
        ledger = new JdbcLedger(transactions, f.clock);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** What one call returned, for the checks afterwards. */
    record Outcome(TransferRequest request, TransferResult result) {
    }

    @Test
    void concurrentTransfersKeepEveryInvariant() throws Exception {
        long bank = f.account();
        long[] wallets = new long[WALLETS];
        Set<String> fundingIds = new HashSet<>();
        for (int i = 0; i < WALLETS; i++) {
            wallets[i] = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
            fundingIds.add(f.fund(bank, wallets[i], START).transfer().id());
        }
        long fee = f.account();

        // transfers that several threads submit under the same id
        Random seed = new Random(20260101);
        List<TransferRequest> shared = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int a = seed.nextInt(WALLETS), b = (a + 1 + seed.nextInt(WALLETS - 1)) % WALLETS;
            shared.add(TransferRequest.single("shared-" + i, wallets[a], wallets[b], 1 + seed.nextInt(900), CNY, CODE,
                    "shared"));
        }

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            pool.submit(() -> {
                Random rnd = new Random(thread * 7919L);
                List<String> myHolds = new ArrayList<>();
                try {
                    gate.await();
                    for (int n = 0; n < BATCHES_PER_THREAD; n++) {
                        List<TransferRequest> batch = new ArrayList<>();
                        int size = 1 + rnd.nextInt(4);
                        for (int k = 0; k < size; k++) {
                            int a = rnd.nextInt(WALLETS), b = (a + 1 + rnd.nextInt(WALLETS - 1)) % WALLETS;
                            String id = "t" + thread + "-" + n + "-" + k;
                            int choice = rnd.nextInt(20);
                            if (choice < 4) {
                                batch.add(shared.get(rnd.nextInt(shared.size())));
                            } else if (choice < 7) {
                                batch.add(TransferRequest.pending(id, wallets[a], wallets[b], 1 + rnd.nextInt(800),
                                        CNY, CODE, 0, null));
                                myHolds.add(id);
                            } else if (choice < 10 && !myHolds.isEmpty()) {
                                String hold = myHolds.remove(rnd.nextInt(myHolds.size()));
                                batch.add(rnd.nextBoolean() ? TransferRequest.post(id, hold, rnd.nextInt(3) == 0 ? 1 : 0)
                                        : TransferRequest.voidPending(id, hold));
                            } else if (choice == 10) {
                                // a two-member chain across three accounts: pay, then a fee from the payee
                                batch.add(TransferRequest.single(id + "a", wallets[a], wallets[b], 1 + rnd.nextInt(600),
                                        CNY, CODE, null).linkedToNext());
                                batch.add(TransferRequest.single(id + "b", wallets[b], fee, 1 + rnd.nextInt(20),
                                        CNY, CODE, null));
                            } else {
                                batch.add(TransferRequest.single(id, wallets[a], wallets[b], 1 + rnd.nextInt(1_200),
                                        CNY, CODE, null));
                            }
                        }
                        List<TransferResult> results = ledger.createTransfers(batch);
                        if (results.size() != batch.size()) {
                            throw new AssertionError("results " + results.size() + " for a batch of " + batch.size());
                        }
                        for (int i = 0; i < batch.size(); i++) {
                            outcomes.add(new Outcome(batch.get(i), results.get(i)));
                        }
                    }
                    // release what is left so that the end state has nothing pending
                    for (String hold : myHolds) {
                        TransferRequest v = TransferRequest.voidPending(hold + "-void", hold);
                        outcomes.add(new Outcome(v, ledger.createTransfer(v)));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
                return null;
            });
        }
        gate.countDown();
        pool.shutdown();
        boolean finished = pool.awaitTermination(240, TimeUnit.SECONDS);
        if (!finished) {
            pool.shutdownNow();
        }
        assertThat(finished).as("all threads finished in time (a deadlock would hang or throw)").isTrue();
        assertThat(errors).as("exceptions in worker threads on %s", f.db.kind()).isEmpty();
        System.out.printf("concurrency on %s: %d retries, %d deadlocks%n", f.db.kind(), transactions.retries(),
                transactions.deadlocks());
        // the ledger locks in one global order: a deadlock (even one retried away) is a defect
        assertThat(transactions.deadlocks()).as("deadlocks detected by the database").isZero();

        // per id: at most one CREATED; every EXISTS refers to that one transfer
        Map<String, Transfer> createdById = new HashMap<>();
        Map<String, List<Outcome>> byId = new HashMap<>();
        for (Outcome o : outcomes) {
            byId.computeIfAbsent(o.request().id(), k -> new ArrayList<>()).add(o);
            if (o.result().result() == CREATED) {
                Transfer previous = createdById.put(o.request().id(), o.result().transfer());
                assertThat(previous).as("%s created twice", o.request().id()).isNull();
            }
        }
        for (Outcome o : outcomes) {
            CreateTransferResult r = o.result().result();
            assertThat(r).as("%s", o.request()).isIn(CREATED, EXISTS, EXCEEDS_CREDITS, LINKED_EVENT_FAILED,
                    PENDING_TRANSFER_NOT_FOUND);
            if (r == EXISTS) {
                assertThat(createdById).as("EXISTS for %s without a CREATED", o.request().id())
                        .containsKey(o.request().id());
                assertThat(o.result().transfer()).isEqualTo(createdById.get(o.request().id()));
            }
            if (r == PENDING_TRANSFER_NOT_FOUND) {
                // only a post or void of a hold that was refused
                assertThat(o.request().kind().resolvesPending()).isTrue();
                assertThat(createdById).doesNotContainKey(o.request().pendingId());
            }
        }
        long sharedSubmissions = outcomes.stream().filter(o -> o.request().id().startsWith("shared-")).count();
        long sharedIds = byId.keySet().stream().filter(id -> id.startsWith("shared-")).count();
        assertThat(sharedSubmissions).as("the shared pool was actually retried").isGreaterThan(sharedIds);

        // the journal holds exactly the transfers that were reported CREATED (plus the funding)
        Set<String> journal = new HashSet<>();
        for (List<String> row : f.rows("SELECT id FROM ledger_transfer")) {
            assertThat(journal.add(row.get(0))).isTrue();
        }
        Set<String> expectedIds = new HashSet<>(createdById.keySet());
        expectedIds.addAll(fundingIds);
        assertThat(journal).isEqualTo(expectedIds);

        // recompute every account's totals from the CREATED transfers alone
        Map<Long, long[]> recomputed = new HashMap<>();
        Map<String, Transfer> holds = new HashMap<>();
        List<Transfer> all = new ArrayList<>(createdById.values());
        for (String id : fundingIds) {
            all.add(f.ledger.transfer(id).orElseThrow());
        }
        for (Transfer t : all) {
            if (t.kind() == TransferKind.PENDING) {
                holds.put(t.id(), t);
            }
        }
        for (Transfer t : all) {
            long[] d = recomputed.computeIfAbsent(t.debitAccountId(), k -> new long[4]);
            long[] c = recomputed.computeIfAbsent(t.creditAccountId(), k -> new long[4]);
            switch (t.kind()) {
                case SINGLE -> { d[1] += t.amount(); c[3] += t.amount(); }
                case PENDING -> { d[0] += t.amount(); c[2] += t.amount(); }
                case POST_PENDING -> {
                    long hold = holds.get(t.pendingId()).amount();
                    assertThat(t.pendingAmount()).isEqualTo(hold);
                    d[0] -= hold; c[2] -= hold; d[1] += t.amount(); c[3] += t.amount();
                }
                case VOID_PENDING -> {
                    long hold = holds.get(t.pendingId()).amount();
                    d[0] -= hold; c[2] -= hold;
                }
            }
        }
        long total = 0;
        for (long w : wallets) {
            Balances b = f.balances(w);
            long[] r = recomputed.get(w);
            assertThat(b).as("wallet %s against its transfers", w).isEqualTo(new Balances(r[0], r[1], r[2], r[3]));
            assertThat(b.debitsPending()).as("every hold was resolved").isZero();
            assertThat(b.availableCredit()).as("wallet %s overdrawn", w).isGreaterThanOrEqualTo(0);
            total += b.creditBalance();
            // in ledger order, the wallet was never overdrawn either
            for (Statement.Line l : f.fullStatement(w, 500)) {
                assertThat(l.after().availableCredit()).as("wallet %s after %s", w, l.transferId())
                        .isGreaterThanOrEqualTo(0);
            }
        }
        Balances feeBalances = f.balances(fee);
        long[] feeR = recomputed.getOrDefault(fee, new long[4]);
        assertThat(feeBalances).isEqualTo(new Balances(feeR[0], feeR[1], feeR[2], feeR[3]));
        total += feeBalances.creditBalance();
        assertThat(total).as("money conserved to the fen").isEqualTo(WALLETS * START);
        assertThat(f.balances(bank)).isEqualTo(new Balances(0, WALLETS * START, 0, 0));

        long created = outcomes.stream().filter(o -> o.result().result() == CREATED).count();
        assertThat(created).as("enough transfers went through to mean something").isGreaterThan(THREADS * 20L);
        f.assertHealthy();
    }

    @Test
    void theSameIdFromManyThreadsAtOnceIsCreatedOnce() throws Exception {
        long bank = f.account(), wallet = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), shop = f.account();
        f.fund(bank, wallet, 1_000);
        for (int round = 0; round < 20; round++) {
            TransferRequest pay = TransferRequest.single("race-" + round, wallet, shop, 10, CNY, CODE, null);
            TransferRequest hold = TransferRequest.pending("race-hold-" + round, wallet, shop, 5, CNY, CODE, 0, null);
            TransferRequest post = TransferRequest.post("race-post-" + round, hold.id());
            CountDownLatch gate = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<List<TransferResult>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return f.ledger.createTransfers(List.of(pay, hold, post));
                }));
            }
            gate.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            Map<CreateTransferResult, Integer>[] counts = new Map[3];
            Set<Transfer> distinct = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 3; i++) {
                counts[i] = new HashMap<>();
            }
            for (var fut : futures) {
                List<TransferResult> r = fut.get();
                for (int i = 0; i < 3; i++) {
                    counts[i].merge(r.get(i).result(), 1, Integer::sum);
                    distinct.add(r.get(i).transfer());
                }
            }
            for (int i = 0; i < 3; i++) {
                assertThat(counts[i]).as("round %s, transfer %s", round, i)
                        .containsEntry(CREATED, 1).containsEntry(EXISTS, 7);
            }
            assertThat(distinct).hasSize(3);
        }
        assertThat(f.balances(wallet)).isEqualTo(new Balances(0, 20 * 15, 0, 1_000));
        f.assertHealthy();
    }

    /** Runs {@code task} on {@code threads} threads released together; returns each thread's answer. */
    private static <T> List<T> race(int threads, java.util.function.IntFunction<T> task) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    gate.await();
                    return task.apply(thread);
                }));
            }
            gate.countDown();
            List<T> out = new ArrayList<>();
            for (var fut : futures) {
                out.add(fut.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingPostsAndVoidsOfOneHoldResolveItOnce() throws Exception {
        long bank = f.account(), wallet = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), shop = f.account();
        f.fund(bank, wallet, 10_000);
        long posted = 0;
        for (int round = 0; round < 25; round++) {
            String hold = "race-hold-" + round;
            ledger.createTransfer(TransferRequest.pending(hold, wallet, shop, 100, CNY, CODE, 0, null)).orThrow();
            int r = round;
            List<TransferResult> results = race(6, t -> ledger.createTransfer(t % 2 == 0
                    ? TransferRequest.post("race-post-" + r + "-" + t, hold, 10 + t)
                    : TransferRequest.voidPending("race-void-" + r + "-" + t, hold)));
            List<TransferResult> winners = results.stream().filter(x -> x.result() == CREATED).toList();
            assertThat(winners).as("round %s: %s", round, results).hasSize(1);
            Transfer w = winners.get(0).transfer();
            for (TransferResult x : results) {
                if (x != winners.get(0)) {
                    assertThat(x.result()).isEqualTo(w.kind() == TransferKind.POST_PENDING
                            ? PENDING_TRANSFER_ALREADY_POSTED : PENDING_TRANSFER_ALREADY_VOIDED);
                }
            }
            if (w.kind() == TransferKind.POST_PENDING) {
                posted += w.amount();
            }
            assertThat(f.scalar("SELECT COUNT(*) FROM ledger_transfer WHERE pending_id = ?", hold)).isEqualTo(1);
        }
        assertThat(f.balances(wallet)).isEqualTo(new Balances(0, posted, 0, 10_000));
        assertThat(f.balances(shop)).isEqualTo(new Balances(0, 0, 0, posted));
        assertThat(transactions.deadlocks()).isZero();
        f.assertHealthy();
    }

    @Test
    void racingDifferentRequestsUnderOneIdCreateExactlyOne() throws Exception {
        long a = f.account(), b = f.account();
        for (int round = 0; round < 25; round++) {
            String id = "same-id-" + round;
            List<TransferResult> results = race(6, t -> ledger.createTransfer(
                    TransferRequest.single(id, a, b, 100 + t, CNY, CODE, null)));
            List<TransferResult> winners = results.stream().filter(x -> x.result() == CREATED).toList();
            assertThat(winners).as("round %s: %s", round, results).hasSize(1);
            long amount = winners.get(0).transfer().amount();
            for (TransferResult x : results) {
                if (x != winners.get(0)) {
                    assertThat(x.result()).isEqualTo(EXISTS_WITH_DIFFERENT_AMOUNT);
                }
            }
            assertThat(f.ledger.transfer(id).orElseThrow().amount()).isEqualTo(amount);
        }
        f.assertHealthy();
    }

    @Test
    void racingAccountOpeningsCreateEachAccountOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            long id = f.ledger.nextAccountId();
            String ref = "wallet:race-" + round;
            List<io.lingqian.ledger.AccountResult> same = race(6, t -> ledger.createAccounts(
                    List.of(io.lingqian.ledger.NewAccount.of(id, CNY, 1, ref))).get(0));
            assertThat(same).extracting(io.lingqian.ledger.AccountResult::result).as("round %s", round)
                    .containsOnly(io.lingqian.ledger.CreateAccountResult.CREATED, io.lingqian.ledger.CreateAccountResult.EXISTS)
                    .filteredOn(x -> x == io.lingqian.ledger.CreateAccountResult.CREATED).hasSize(1);
            // the same reference for different ids: one gets it
            String ref2 = "wallet:race2-" + round;
            long[] ids = new long[6];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = f.ledger.nextAccountId();
            }
            List<io.lingqian.ledger.AccountResult> taken = race(6, t -> ledger.createAccounts(
                    List.of(io.lingqian.ledger.NewAccount.of(ids[t], CNY, 1, ref2))).get(0));
            assertThat(taken).extracting(io.lingqian.ledger.AccountResult::result).as("round %s", round)
                    .containsOnly(io.lingqian.ledger.CreateAccountResult.CREATED,
                            io.lingqian.ledger.CreateAccountResult.REFERENCE_TAKEN)
                    .filteredOn(x -> x == io.lingqian.ledger.CreateAccountResult.CREATED).hasSize(1);
            long owner = taken.stream().filter(x -> x.result() == io.lingqian.ledger.CreateAccountResult.CREATED)
                    .findFirst().orElseThrow().id();
            assertThat(f.ledger.accountByReference(ref2).orElseThrow().id()).isEqualTo(owner);
        }
        assertThat(transactions.deadlocks()).isZero();
    }
}
