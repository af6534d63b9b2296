package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.GroupCommit;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.LedgerException;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.lingqian.ledger.CreateTransferResult.CREATED;
import static io.lingqian.ledger.CreateTransferResult.EXCEEDS_CREDITS;
import static io.lingqian.ledger.CreateTransferResult.EXISTS;
import static io.lingqian.ledger.CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
import static io.lingqian.ledger.CreateTransferResult.LINKED_EVENT_CHAIN_OPEN;
import static io.lingqian.ledger.CreateTransferResult.LINKED_EVENT_FAILED;
import static io.lingqian.ledger.jdbc.LedgerFixture.CNY;
import static io.lingqian.ledger.jdbc.LedgerFixture.CODE;
import static io.lingqian.ledger.jdbc.LedgerFixture.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit: many callers' transfers in one database transaction, each caller answered with its
 * own results. To make "these submissions share one group" deterministic without sleeping, the
 * ledger behind the front is wrapped in a {@link Gate} that holds the first group in the writer
 * (after it committed) until the test has queued the submissions it wants grouped.
 */
class GroupCommitTest {

    private LedgerFixture f;
    private Gate gate;
    private GroupCommit group;

    @BeforeEach
    void open() {
        f = LedgerFixture.create();
        gate = new Gate(f.ledger);
        group = new GroupCommit(gate.ledger());
    }

    @AfterEach
    void close() {
        try {
            group.close();
            f.assertHealthy();
        } finally {
            f.close();
        }
    }

    @Test
    void manyConcurrentCallersEachGetTheirOwnResultsAndEveryTransferIsAppliedOnce() throws Exception {
        gate.open();
        long bank = f.account();
        int callers = 16, each = 25;
        long[] wallets = new long[callers];
        for (int i = 0; i < callers; i++) {
            wallets[i] = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        }
        long shop = f.account();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                long wallet = wallets[i];
                answers.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    group.createTransfer(TransferRequest.single(uid("fund"), bank, wallet, 1_000, CNY, CODE, null))
                            .orThrow();
                    for (int k = 0; k < each; k++) {
                        String id = uid("pay");
                        TransferResult r = group.createTransfer(
                                TransferRequest.single(id, wallet, shop, 10, CNY, CODE, null));
                        assertThat(r.result()).isEqualTo(CREATED);
                        assertThat(r.id()).isEqualTo(id);
                        assertThat(r.transfer().debitAccountId()).isEqualTo(wallet);
                        mine.add(id);
                    }
                    return mine;
                }));
            }
            for (int i = 0; i < callers; i++) {
                assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).hasSize(each).doesNotHaveDuplicates();
                assertThat(f.balances(wallets[i])).isEqualTo(new Balances(0, 10L * each, 0, 1_000));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.balances(shop)).isEqualTo(new Balances(0, 0, 0, 10L * each * callers));
        assertThat(group.transfers()).isEqualTo((long) callers * (each + 1));
        assertThat(group.groups()).isLessThanOrEqualTo(group.transfers());
    }

    @Test
    void queuedSubmissionsShareOneTransactionAndOneCallersRefusalDoesNotFailAnothers() throws Exception {
        long bank = f.account(), shop = f.account();
        long rich = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        long poor = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        f.fund(bank, rich, 1_000);
        f.fund(bank, poor, 50);

        CompletableFuture<List<TransferResult>> held = group.submit(
                List.of(TransferRequest.single(uid("first"), bank, shop, 1, CNY, CODE, null)));
        gate.awaitHeld();
        String ok1 = uid("ok"), tooMuch = uid("too-much"), ok2 = uid("ok"), chainA = uid("chain"),
                chainB = uid("chain"), ok3 = uid("ok");
        var a = group.submit(List.of(TransferRequest.single(ok1, rich, shop, 100, CNY, CODE, null)));
        var b = group.submit(List.of(TransferRequest.single(tooMuch, poor, shop, 500, CNY, CODE, null),
                TransferRequest.single(ok2, poor, shop, 20, CNY, CODE, null)));
        var c = group.submit(List.of(TransferRequest.single(chainA, rich, shop, 10, CNY, CODE, null).linkedToNext(),
                TransferRequest.single(chainB, poor, shop, 1_000, CNY, CODE, null)));
        var d = group.submit(List.of(TransferRequest.single(ok3, rich, shop, 1, CNY, CODE, null)));
        gate.open();

        assertThat(held.get(10, TimeUnit.SECONDS)).extracting(TransferResult::result).containsExactly(CREATED);
        assertThat(a.get(10, TimeUnit.SECONDS)).extracting(TransferResult::id, TransferResult::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ok1, CREATED));
        assertThat(b.get()).extracting(TransferResult::id, TransferResult::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple(tooMuch, EXCEEDS_CREDITS),
                org.assertj.core.groups.Tuple.tuple(ok2, CREATED));
        assertThat(c.get()).extracting(TransferResult::id, TransferResult::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple(chainA, LINKED_EVENT_FAILED),
                org.assertj.core.groups.Tuple.tuple(chainB, EXCEEDS_CREDITS));
        assertThat(d.get()).extracting(TransferResult::result).containsExactly(CREATED);
        assertThat(group.groups()).as("the held group, then the four queued submissions in one").isEqualTo(2);
        assertThat(gate.calls()).isEqualTo(2);

        assertThat(f.balances(rich)).isEqualTo(new Balances(0, 101, 0, 1_000));
        assertThat(f.balances(poor)).isEqualTo(new Balances(0, 20, 0, 50));
        assertThat(f.ledger.transfer(chainA)).isEmpty();
        assertThat(f.ledger.transfer(tooMuch)).isEmpty();
    }

    @Test
    void asALedgerItPostsThroughTheGroupsAndAnswersEverythingElseFromTheLedgerBehindIt() {
        gate.open();
        Ledger ledger = group;
        long bank = f.account(), shop = f.account();
        long wallet = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        f.fund(bank, wallet, 1_000);
        String pay = uid("pay"), fee = uid("fee"), tooMuch = uid("too-much");
        int callsBefore = gate.calls();

        List<TransferResult> chain = ledger.createLinked(List.of(
                TransferRequest.single(pay, wallet, shop, 600, CNY, CODE, "order:1"),
                TransferRequest.single(fee, shop, bank, 6, CNY, CODE, "order:1")));
        TransferResult refused = ledger.createTransfer(TransferRequest.single(tooMuch, wallet, shop, 401, CNY, CODE, null));

        assertThat(chain).extracting(TransferResult::result).containsExactly(CREATED, CREATED);
        assertThat(refused.result()).isEqualTo(EXCEEDS_CREDITS);
        assertThat(gate.calls() - callsBefore).as("both posts went through the groups").isEqualTo(2);
        assertThat(group.transfers()).isGreaterThanOrEqualTo(3);
        assertThat(ledger.account(wallet).orElseThrow().balances()).isEqualTo(new Balances(0, 600, 0, 1_000));
        assertThat(ledger.transfersByReference("order:1")).extracting(t -> t.id()).containsExactly(pay, fee);
        assertThat(ledger.statement(shop, 0, 10).lines()).hasSize(2);
        assertThat(ledger.checkInvariants().ok()).isTrue();
        assertThat(gate.calls() - callsBefore).as("reads do not queue behind the writer").isEqualTo(2);
    }

    @Test
    void aChainLeftOpenByOneCallerDoesNotLinkIntoTheNextCallersTransfers() throws Exception {
        long bank = f.account(), shop = f.account();
        group.submit(List.of(TransferRequest.single(uid("first"), bank, shop, 1, CNY, CODE, null)));
        gate.awaitHeld();
        String open = uid("open"), next = uid("next");
        var a = group.submit(List.of(TransferRequest.single(open, bank, shop, 5, CNY, CODE, null).linkedToNext()));
        var b = group.submit(List.of(TransferRequest.single(next, bank, shop, 7, CNY, CODE, null)));
        gate.open();

        assertThat(a.get(10, TimeUnit.SECONDS)).extracting(TransferResult::result)
                .containsExactly(LINKED_EVENT_CHAIN_OPEN);
        assertThat(b.get(10, TimeUnit.SECONDS)).extracting(TransferResult::result).containsExactly(CREATED);
        assertThat(f.balances(shop).creditsPosted()).isEqualTo(1 + 7);
    }

    @Test
    void theSameIdFromTwoCallersInOneGroupIsAppliedOnceAndDifferentContentIsRefused() throws Exception {
        long bank = f.account(), shop = f.account();
        group.submit(List.of(TransferRequest.single(uid("first"), bank, shop, 1, CNY, CODE, null)));
        gate.awaitHeld();
        String id = uid("order");
        var a = group.submit(List.of(TransferRequest.single(id, bank, shop, 300, CNY, CODE, null)));
        var b = group.submit(List.of(TransferRequest.single(id, bank, shop, 300, CNY, CODE, null)));
        var c = group.submit(List.of(TransferRequest.single(id, bank, shop, 301, CNY, CODE, null)));
        gate.open();

        TransferResult first = a.get(10, TimeUnit.SECONDS).get(0);
        assertThat(first.result()).isEqualTo(CREATED);
        TransferResult retry = b.get(10, TimeUnit.SECONDS).get(0);
        assertThat(retry.result()).isEqualTo(EXISTS);
        assertThat(retry.transfer()).isEqualTo(first.transfer());
        assertThat(c.get(10, TimeUnit.SECONDS).get(0).result()).isEqualTo(EXISTS_WITH_DIFFERENT_AMOUNT);
        assertThat(f.balances(shop).creditsPosted()).isEqualTo(1 + 300);
    }

    @Test
    void aGroupWhoseTransactionFailsAppliesNothingAndEveryCallerInItGetsTheError() throws Exception {
        CrashConsistencyTest.Faults faults = new CrashConsistencyTest.Faults(f.db.dataSource());
        gate = new Gate(f.ledgerOver(faults.dataSource()));
        group.close();
        group = new GroupCommit(gate.ledger());
        long bank = f.account(), shop = f.account();
        long wallet = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        f.fund(bank, wallet, 1_000);

        group.submit(List.of(TransferRequest.single(uid("first"), bank, shop, 1, CNY, CODE, null)));
        gate.awaitHeld();
        List<TransferRequest> a = List.of(TransferRequest.single(uid("a"), wallet, shop, 100, CNY, CODE, null));
        List<TransferRequest> b = List.of(TransferRequest.pending(uid("b"), wallet, shop, 200, CNY, CODE, 60, null),
                TransferRequest.single(uid("b"), bank, wallet, 5, CNY, CODE, null));
        var fa = group.submit(a);
        var fb = group.submit(b);
        LedgerFixture.StoreState before = f.state();
        faults.arm(4); // fails the group's transaction in the middle of its statements
        gate.open();

        for (var failed : List.of(fa, fb)) {
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(LedgerException.class);
        }
        assertThat(faults.fired()).isTrue();
        assertThat(f.state()).as("nothing of the failed group is stored").isEqualTo(before);

        faults.disarm();
        assertThat(group.createTransfers(a)).extracting(TransferResult::result).containsExactly(CREATED);
        assertThatThrownBy(() -> {
            faults.arm(1);
            group.createTransfers(b);
        }).isInstanceOf(LedgerException.class);
        faults.disarm();
        assertThat(group.createTransfers(b)).extracting(TransferResult::result).containsExactly(CREATED, CREATED);
        assertThat(f.balances(wallet)).isEqualTo(new Balances(200, 100, 0, 1_005));
    }

    @Test
    void aRowTheDatabaseRejectsFailsOnlyTheCallerWhoSentIt() throws Exception {
        // The store refuses any batch holding a transfer with this reference, as PostgreSQL refuses a
        // NUL character (SQLState 22021): a value only the database finds wrong.
        String poison = "unstorable";
        Ledger refusing = (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[]{Ledger.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("createTransfers")) {
                        for (Object t : (List<?>) args[0]) {
                            if (poison.equals(((TransferRequest) t).reference())) {
                                throw new LedgerException("ledger transaction failed after 1 attempt(s)",
                                        new java.sql.SQLException("invalid byte sequence", "22021"));
                            }
                        }
                    }
                    try {
                        return m.invoke(f.ledger, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        gate = new Gate(refusing);
        group.close();
        group = new GroupCommit(gate.ledger());
        long bank = f.account(), shop = f.account();

        group.submit(List.of(TransferRequest.single(uid("first"), bank, shop, 1, CNY, CODE, null)));
        gate.awaitHeld();
        String before = uid("before"), after = uid("after");
        var a = group.submit(List.of(TransferRequest.single(before, bank, shop, 10, CNY, CODE, null)));
        var bad = group.submit(List.of(TransferRequest.single(uid("bad"), bank, shop, 20, CNY, CODE, poison)));
        var c = group.submit(List.of(TransferRequest.single(after, bank, shop, 30, CNY, CODE, null)));
        gate.open();

        assertThat(a.get(10, TimeUnit.SECONDS)).extracting(TransferResult::result).containsExactly(CREATED);
        assertThat(c.get(10, TimeUnit.SECONDS)).extracting(TransferResult::result).containsExactly(CREATED);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(LedgerException.class);
        assertThat(f.balances(shop).creditsPosted()).isEqualTo(1 + 10 + 30);
    }

    @Test
    void closingAppliesWhatIsQueuedAndRefusesNewSubmissions() throws Exception {
        long bank = f.account(), shop = f.account();
        group.submit(List.of(TransferRequest.single(uid("first"), bank, shop, 1, CNY, CODE, null)));
        gate.awaitHeld();
        var queued = group.submit(List.of(TransferRequest.single(uid("queued"), bank, shop, 2, CNY, CODE, null)));
        gate.open();
        group.close();

        assertThat(queued.get(10, TimeUnit.SECONDS)).extracting(TransferResult::result).containsExactly(CREATED);
        assertThatThrownBy(() -> group.submit(List.of(TransferRequest.single(uid("late"), bank, shop, 3, CNY, CODE,
                null)))).isInstanceOf(IllegalStateException.class);
        try (GroupCommit small = new GroupCommit(f.ledger, 1, 10, 10)) {
            assertThatThrownBy(() -> small.submit(java.util.Collections.nCopies(11,
                    TransferRequest.single(uid("x"), bank, shop, 1, CNY, CODE, null))))
                    .as("a submission larger than a group").isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(f.balances(shop).creditsPosted()).isEqualTo(1 + 2);
    }

    /**
     * A ledger that, on its first {@code createTransfers}, applies the batch and then holds the writer
     * until {@link #open()}, so that the submissions queued meanwhile form the next group.
     */
    static final class Gate {
        private final Ledger target;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger calls = new AtomicInteger();

        Gate(Ledger target) {
            this.target = target;
        }

        Ledger ledger() {
            return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[]{Ledger.class},
                    (proxy, m, args) -> {
                        Object result;
                        try {
                            result = m.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (m.getName().equals("createTransfers") && calls.incrementAndGet() == 1) {
                            held.countDown();
                            if (!released.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("the test never opened the gate");
                            }
                        }
                        return result;
                    });
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the first group reached the ledger").isTrue();
        }

        void open() {
            released.countDown();
        }

        int calls() {
            return calls.get();
        }
    }
}
