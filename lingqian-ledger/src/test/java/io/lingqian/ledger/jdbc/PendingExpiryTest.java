package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.lingqian.ledger.CreateTransferResult.CREATED;
import static io.lingqian.ledger.CreateTransferResult.PENDING_TRANSFER_EXPIRED;
import static io.lingqian.ledger.jdbc.LedgerFixture.CNY;
import static io.lingqian.ledger.jdbc.LedgerFixture.CODE;
import static io.lingqian.ledger.jdbc.LedgerFixture.uid;
import static org.assertj.core.api.Assertions.assertThat;

/** Holds with a timeout, a clock moved by hand, and the sweeper that voids what has expired. */
class PendingExpiryTest {

    private LedgerFixture f;
    private long wallet, shop, bank;

    @BeforeEach
    void open() {
        f = LedgerFixture.create();
        wallet = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        shop = f.account();
        bank = f.account();
        f.fund(bank, wallet, 100_000);
    }

    @AfterEach
    void close() {
        try {
            f.assertHealthy();
        } finally {
            f.close();
        }
    }

    private String hold(long amount, long timeoutSeconds) {
        String id = uid("hold");
        TransferResult r = f.ledger.createTransfer(
                TransferRequest.pending(id, wallet, shop, amount, CNY, CODE, timeoutSeconds, "order:" + id));
        assertThat(r.result()).isEqualTo(CREATED);
        return id;
    }

    @Test
    void theSweeperVoidsExactlyTheExpiredHolds() {
        String h30 = hold(100, 30), h60a = hold(200, 60), h60b = hold(400, 60), h120 = hold(800, 120),
                never = hold(1_600, 0), postedEarly = hold(3_200, 60);
        assertThat(f.balances(wallet)).isEqualTo(new Balances(6_300, 0, 0, 100_000));

        // one second short of the 30 s timeout: nothing to sweep, posting works
        f.clock.advance(Duration.ofSeconds(29));
        assertThat(f.ledger.voidExpiredPendingTransfers(100)).isZero();
        assertThat(f.ledger.createTransfer(TransferRequest.post(uid("post"), postedEarly)).result()).isEqualTo(CREATED);

        // one second short of 60: only the 30 s hold has expired; it cannot be posted any more
        f.clock.advance(Duration.ofSeconds(30));
        LedgerFixture.StoreState before = f.state();
        assertThat(f.ledger.createTransfer(TransferRequest.post(uid("post"), h30)).result())
                .isEqualTo(PENDING_TRANSFER_EXPIRED);
        assertThat(f.state()).isEqualTo(before);
        assertThat(f.ledger.voidExpiredPendingTransfers(100)).isEqualTo(1);
        assertExpired(h30, 100);
        assertThat(f.ledger.voidExpiredPendingTransfers(100)).isZero();

        // past 60: both 60 s holds, with a limit of one per sweep
        f.clock.advance(Duration.ofSeconds(2));
        LedgerFixture.StoreState beforePost = f.state();
        assertThat(f.ledger.createTransfer(TransferRequest.post(uid("post"), h60a, 10)).result())
                .isEqualTo(PENDING_TRANSFER_EXPIRED);
        assertThat(f.state()).isEqualTo(beforePost);
        assertThat(f.ledger.voidExpiredPendingTransfers(1)).isEqualTo(1);
        assertThat(f.ledger.voidExpiredPendingTransfers(1)).isEqualTo(1);
        assertThat(f.ledger.voidExpiredPendingTransfers(1)).isZero();
        assertExpired(h60a, 200);
        assertExpired(h60b, 400);

        // the rest still stand
        assertThat(f.ledger.transfer(h120 + "#expired")).isEmpty();
        assertThat(f.ledger.transfer(never + "#expired")).isEmpty();
        assertThat(f.ledger.transfer(postedEarly + "#expired")).isEmpty();
        assertThat(f.balances(wallet)).isEqualTo(new Balances(800 + 1_600, 3_200, 0, 100_000));
        assertThat(f.balances(shop)).isEqualTo(new Balances(0, 0, 800 + 1_600, 3_200));

        // an expired hold stays expired after the sweep: posting it is refused, nothing moves
        LedgerFixture.StoreState s = f.state();
        assertThat(f.ledger.createTransfer(TransferRequest.post(uid("post"), h30)).result())
                .isEqualTo(PENDING_TRANSFER_EXPIRED);
        assertThat(f.state()).isEqualTo(s);

        // far in the future: the 120 s hold goes, the hold without timeout never does
        f.clock.advance(Duration.ofDays(400));
        assertThat(f.ledger.voidExpiredPendingTransfers(100)).isEqualTo(1);
        assertExpired(h120, 800);
        assertThat(f.ledger.voidExpiredPendingTransfers(100)).isZero();
        assertThat(f.ledger.createTransfer(TransferRequest.post(uid("post"), never)).result()).isEqualTo(CREATED);
        assertThat(f.balances(wallet)).isEqualTo(new Balances(0, 3_200 + 1_600, 0, 100_000));
    }

    /** The hold was voided by a journaled VOID_PENDING transfer {@code <id>#expired}. */
    private void assertExpired(String holdId, long amount) {
        Transfer v = f.ledger.transfer(holdId + "#expired").orElseThrow(() -> new AssertionError(holdId + " not voided"));
        assertThat(v.kind()).isEqualTo(TransferKind.VOID_PENDING);
        assertThat(v.pendingId()).isEqualTo(holdId);
        assertThat(v.pendingAmount()).isEqualTo(amount);
        assertThat(v.debitAccountId()).isEqualTo(wallet);
        assertThat(v.creditAccountId()).isEqualTo(shop);
        assertThat(v.createdAt()).isEqualTo(f.clock.instant());
        assertThat(v.hash()).hasSize(64);
        assertThat(f.fullStatement(wallet, 1000)).extracting(Statement.Line::transferId).contains(v.id());
    }

    @Test
    void expiryBoundaryAndPostJustBefore() {
        String h = hold(500, 3600);
        f.clock.advance(Duration.ofSeconds(3599));
        assertThat(f.ledger.voidExpiredPendingTransfers(10)).isZero();
        assertThat(f.ledger.createTransfer(TransferRequest.post(uid("post"), h, 200)).result()).isEqualTo(CREATED);
        f.clock.advance(Duration.ofHours(2));
        assertThat(f.ledger.voidExpiredPendingTransfers(10)).as("a posted hold does not expire").isZero();
        assertThat(f.balances(wallet)).isEqualTo(new Balances(0, 200, 0, 100_000));
    }

    @Test
    void twoSweepersRacingVoidEachHoldOnce() throws Exception {
        int holds = 60;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < holds; i++) {
            ids.add(hold(10 + i, 10));
        }
        String keep = hold(7, 0);
        f.clock.advance(Duration.ofSeconds(11));
        for (int round = 0; round < 1; round++) {
            CountDownLatch gate = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                sweeps.add(pool.submit(() -> {
                    gate.await();
                    int total = 0;
                    for (int n; (n = f.ledger.voidExpiredPendingTransfers(7)) > 0; ) {
                        total += n;
                    }
                    return total;
                }));
            }
            gate.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            int a = sweeps.get(0).get(), b = sweeps.get(1).get();
            assertThat(a + b).as("voided by the two sweepers (%s + %s)", a, b).isEqualTo(holds);
        }
        assertThat(f.scalar("SELECT COUNT(*) FROM ledger_transfer WHERE kind = 'VOID_PENDING'")).isEqualTo(holds);
        for (String id : ids) {
            assertThat(f.ledger.transfer(id + "#expired")).isPresent();
        }
        assertThat(f.ledger.voidExpiredPendingTransfers(1000)).isZero();
        assertThat(f.balances(wallet)).isEqualTo(new Balances(7, 0, 0, 100_000));
        assertThat(f.ledger.transfer(keep + "#expired")).isEmpty();
    }

    @Test
    void aFrozenAccountsHoldStillExpiresAndRetriesStayIdempotent() {
        String longId = "h".repeat(TransferRequest.MAX_ID_LENGTH);
        TransferRequest holdReq = TransferRequest.pending(longId, wallet, shop, 250, CNY, CODE, 60, null);
        assertThat(f.ledger.createTransfer(holdReq).result()).isEqualTo(CREATED);
        String other = hold(50, 60);
        TransferRequest postReq = TransferRequest.post(uid("post"), other);
        Transfer post = f.ledger.createTransfer(postReq).orThrow();
        assertThat(f.ledger.changeStatus(wallet, io.lingqian.ledger.AccountStatus.FROZEN))
                .isEqualTo(io.lingqian.ledger.StatusChange.CHANGED);
        f.clock.advance(Duration.ofSeconds(61));
        assertThat(f.ledger.voidExpiredPendingTransfers(10)).isEqualTo(1);
        // the 108-character id of the void fits
        assertExpired(longId, 250);
        // retries of what was done before the expiry are still answered EXISTS
        TransferResult again = f.ledger.createTransfer(holdReq);
        assertThat(again.result()).isEqualTo(io.lingqian.ledger.CreateTransferResult.EXISTS);
        TransferResult againPost = f.ledger.createTransfer(postReq);
        assertThat(againPost.result()).isEqualTo(io.lingqian.ledger.CreateTransferResult.EXISTS);
        assertThat(againPost.transfer()).isEqualTo(post);
        // nobody else may write an expiry void
        TransferResult forged = f.ledger.createTransfer(TransferRequest.voidPending(other + "#expired", other));
        assertThat(forged.result()).isEqualTo(io.lingqian.ledger.CreateTransferResult.ID_INVALID);
        assertThat(f.balances(wallet)).isEqualTo(new Balances(0, 50, 0, 100_000));
    }

    @Test
    void atTheTimeoutInstantPostAndSweeperAgree() {
        String a = hold(100, 60), b = hold(100, 60);
        f.clock.advance(Duration.ofSeconds(60));
        io.lingqian.ledger.CreateTransferResult post = f.ledger.createTransfer(TransferRequest.post(uid("post"), a)).result();
        int swept = f.ledger.voidExpiredPendingTransfers(10);
        if (post == CREATED) {
            assertThat(swept).as("a hold still postable at this instant must not be swept").isZero();
        } else {
            assertThat(post).isEqualTo(PENDING_TRANSFER_EXPIRED);
            assertThat(swept).as("holds refused as expired must be sweepable at the same instant").isEqualTo(2);
            assertThat(f.ledger.transfer(b + "#expired")).isPresent();
        }
    }
}
