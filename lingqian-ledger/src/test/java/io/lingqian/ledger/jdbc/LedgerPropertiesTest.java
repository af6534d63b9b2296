package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.AccountStatus;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.StatusChange;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import static io.lingqian.ledger.CreateTransferResult.*;
import static io.lingqian.ledger.jdbc.LedgerFixture.CNY;
import static io.lingqian.ledger.jdbc.LedgerFixture.CODE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of batches (singles, holds, full and partial posts, voids, linked chains with and
 * without a failing member, retries of earlier ids with the same and with altered fields, freezes)
 * over five accounts with mixed flags, checked step by step against a small in-memory model of the
 * ledger's rules: every result code, every balance, every written transfer.
 *
 * <p>One database for the whole property; each try opens five fresh accounts and uses fresh ids.
 */
class LedgerPropertiesTest {

    private static LedgerFixture f;
    private static int tryNo;

    /** S: no flags (the outside world); A, B: wallets that cannot overdraw; C: no flags; R: a reserve with a floor. */
    private static final List<Set<AccountFlag>> FLAGS = List.of(
            EnumSet.noneOf(AccountFlag.class),
            EnumSet.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
            EnumSet.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, AccountFlag.HISTORY),
            EnumSet.noneOf(AccountFlag.class),
            EnumSet.of(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    private static final int N = FLAGS.size();

    @BeforeContainer
    static void openDatabase() {
        f = LedgerFixture.create();
    }

    /** How often each result code came up over all tries: printed, and checked for coverage. */
    private static final Map<CreateTransferResult, Integer> SEEN = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterContainer
    static void closeDatabase() {
        if (f != null) {
            f.close();
        }
        System.out.println("LedgerPropertiesTest result codes over " + tryNo + " tries: " + new java.util.TreeMap<>(SEEN));
        if (tryNo >= 50) {
            // the generator must actually reach the interesting cases, or the property proves little
            assertThat(SEEN.keySet()).as("result codes produced by the generator").contains(
                    CREATED, EXISTS, EXCEEDS_CREDITS, EXCEEDS_DEBITS, DEBIT_ACCOUNT_FROZEN, LINKED_EVENT_FAILED,
                    PENDING_TRANSFER_NOT_FOUND, PENDING_TRANSFER_NOT_PENDING, PENDING_TRANSFER_ALREADY_POSTED,
                    PENDING_TRANSFER_ALREADY_VOIDED, EXCEEDS_PENDING_TRANSFER_AMOUNT, EXISTS_WITH_DIFFERENT_KIND,
                    EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT, EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
                    EXISTS_WITH_DIFFERENT_AMOUNT, EXISTS_WITH_DIFFERENT_CODE, EXISTS_WITH_DIFFERENT_PENDING_ID,
                    EXISTS_WITH_DIFFERENT_TIMEOUT, EXISTS_WITH_DIFFERENT_REFERENCE);
        }
    }

    // ------------------------------------------------------------------ generation

    /** One unit of a batch: eight random numbers, interpreted when the batch runs (see {@link Run#unit}). */
    @Provide
    Arbitrary<List<List<int[]>>> batches() {
        Arbitrary<int[]> unit = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(8);
        return unit.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(5).ofMaxSize(30);
    }

    @Property(tries = 250, shrinking = ShrinkingMode.BOUNDED)
    void ledgerAgreesWithTheModel(@ForAll("batches") List<List<int[]>> batches) {
        new Run(++tryNo).execute(batches);
    }

    // ------------------------------------------------------------------ the model

    /** A created transfer as the model knows it. */
    record Rec(TransferRequest request, TransferKind kind, int debit, int credit, long amount, long pendingAmount,
               String pendingId, int code, String reference) {
    }

    enum HoldState { PENDING, POSTED, VOIDED }

    static final class Model {
        final long[][] bal = new long[N][4]; // debits_pending, debits_posted, credits_pending, credits_posted
        final boolean[] frozen = new boolean[N];
        final Map<String, Rec> transfers = new HashMap<>();
        final Map<String, HoldState> holds = new HashMap<>();

        Model copy() {
            Model m = new Model();
            for (int i = 0; i < N; i++) {
                m.bal[i] = bal[i].clone();
            }
            System.arraycopy(frozen, 0, m.frozen, 0, N);
            m.transfers.putAll(transfers);
            m.holds.putAll(holds);
            return m;
        }

        void restore(Model m) {
            for (int i = 0; i < N; i++) {
                bal[i] = m.bal[i].clone();
            }
            transfers.clear();
            transfers.putAll(m.transfers);
            holds.clear();
            holds.putAll(m.holds);
        }

        /** The acceptable outcomes (all refusals, or exactly one success code); applies a success. */
        Set<CreateTransferResult> apply(TransferRequest r, int debit, int credit) {
            Rec existing = transfers.get(r.id());
            if (existing != null) {
                CreateTransferResult c = compare(existing.request(), r);
                if (c == EXISTS_WITH_DIFFERENT_REFERENCE || c == EXISTS) {
                    // A post or void without a reference means its hold's: compare what each would write.
                    Rec hold = r.kind().resolvesPending() ? transfers.get(r.pendingId()) : null;
                    String wanted = r.reference() == null && hold != null ? hold.reference() : r.reference();
                    c = Objects.equals(wanted, existing.reference()) ? EXISTS : EXISTS_WITH_DIFFERENT_REFERENCE;
                }
                return Set.of(c);
            }
            Set<CreateTransferResult> refusals = EnumSet.noneOf(CreateTransferResult.class);
            if (r.kind() == TransferKind.SINGLE || r.kind() == TransferKind.PENDING) {
                if (frozen[debit]) {
                    refusals.add(DEBIT_ACCOUNT_FROZEN);
                }
                if (FLAGS.get(debit).contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
                        && bal[debit][0] + bal[debit][1] + r.amount() > bal[debit][3]) {
                    refusals.add(EXCEEDS_CREDITS);
                }
                if (FLAGS.get(credit).contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)
                        && bal[credit][2] + bal[credit][3] + r.amount() > bal[credit][1]) {
                    refusals.add(EXCEEDS_DEBITS);
                }
                if (!refusals.isEmpty()) {
                    return refusals;
                }
                int off = r.kind() == TransferKind.SINGLE ? 1 : 0;
                bal[debit][off] += r.amount();
                bal[credit][2 + off] += r.amount();
                transfers.put(r.id(), new Rec(r, r.kind(), debit, credit, r.amount(), 0, null, r.code(), r.reference()));
                if (r.kind() == TransferKind.PENDING) {
                    holds.put(r.id(), HoldState.PENDING);
                }
                return Set.of(CREATED);
            }
            Rec p = transfers.get(r.pendingId());
            if (p == null) {
                return Set.of(PENDING_TRANSFER_NOT_FOUND);
            }
            if (p.kind() != TransferKind.PENDING) {
                return Set.of(PENDING_TRANSFER_NOT_PENDING);
            }
            HoldState state = holds.get(p.request().id());
            if (state == HoldState.POSTED) {
                refusals.add(PENDING_TRANSFER_ALREADY_POSTED);
            } else if (state == HoldState.VOIDED) {
                refusals.add(PENDING_TRANSFER_ALREADY_VOIDED);
            }
            if (r.kind() == TransferKind.POST_PENDING && r.amount() > p.amount()) {
                refusals.add(EXCEEDS_PENDING_TRANSFER_AMOUNT);
            }
            if (!refusals.isEmpty()) {
                return refusals;
            }
            long hold = p.amount();
            bal[p.debit()][0] -= hold;
            bal[p.credit()][2] -= hold;
            long posted = 0;
            if (r.kind() == TransferKind.POST_PENDING) {
                posted = r.amount() == 0 ? hold : r.amount();
                bal[p.debit()][1] += posted;
                bal[p.credit()][3] += posted;
                holds.put(p.request().id(), HoldState.POSTED);
            } else {
                holds.put(p.request().id(), HoldState.VOIDED);
            }
            transfers.put(r.id(), new Rec(r, r.kind(), p.debit(), p.credit(), posted, hold, p.request().id(), p.code(),
                    r.reference() != null ? r.reference() : p.reference()));
            return Set.of(CREATED);
        }

        /** Same id: EXISTS if every field is the same, else the code of the (single) field that differs. */
        static CreateTransferResult compare(TransferRequest o, TransferRequest r) {
            if (o.kind() != r.kind()) return EXISTS_WITH_DIFFERENT_KIND;
            if (o.debitAccountId() != r.debitAccountId()) return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT;
            if (o.creditAccountId() != r.creditAccountId()) return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT;
            if (o.amount() != r.amount()) return EXISTS_WITH_DIFFERENT_AMOUNT;
            if (o.ledger() != r.ledger()) return EXISTS_WITH_DIFFERENT_LEDGER;
            if (o.code() != r.code()) return EXISTS_WITH_DIFFERENT_CODE;
            if (!Objects.equals(o.pendingId(), r.pendingId())) return EXISTS_WITH_DIFFERENT_PENDING_ID;
            if (o.timeoutSeconds() != r.timeoutSeconds()) return EXISTS_WITH_DIFFERENT_TIMEOUT;
            if (!Objects.equals(o.reference(), r.reference())) return EXISTS_WITH_DIFFERENT_REFERENCE;
            return EXISTS;
        }
    }

    // ------------------------------------------------------------------ one try

    final class Run {
        final String prefix;
        final long[] ids = new long[N];
        final Map<Long, Integer> index = new HashMap<>();
        final Model model = new Model();
        /** Every request submitted so far (created or not), in order: targets for retries, posts and voids. */
        final List<TransferRequest> submitted = new ArrayList<>();
        /** The transfer the ledger returned when each id was created. */
        final Map<String, Transfer> written = new LinkedHashMap<>();
        int counter;
        final StringBuilder log = new StringBuilder();

        Run(int tryNo) {
            prefix = "p" + tryNo + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
            for (int i = 0; i < N; i++) {
                ids[i] = f.ledger.nextAccountId();
                index.put(ids[i], i);
                var r = f.ledger.createAccounts(List.of(new io.lingqian.ledger.NewAccount(ids[i], CNY, CODE, FLAGS.get(i),
                        null)));
                assertThat(r.get(0).result()).isEqualTo(io.lingqian.ledger.CreateAccountResult.CREATED);
            }
        }

        String newId() {
            return prefix + "." + (++counter);
        }

        void execute(List<List<int[]>> batches) {
            for (List<int[]> batch : batches) {
                step(batch);
            }
            // every created transfer reads back exactly as it was returned
            written.forEach((id, t) -> assertThat(f.ledger.transfer(id)).as("transfer %s", id).contains(t));
            for (int i = 0; i < N; i++) {
                List<io.lingqian.ledger.Statement.Line> lines = f.fullStatement(ids[i], 7);
                Balances last = lines.isEmpty() ? Balances.ZERO : lines.get(lines.size() - 1).after();
                assertThat(last).as("statement of account %s ends at its balances", i).isEqualTo(balances(i));
            }
            // account 2 keeps history: one row per transfer, with the totals after it
            List<io.lingqian.ledger.Statement.Line> lines = f.fullStatement(ids[2], 1000);
            List<List<String>> history = f.rows("SELECT seq, transfer_id, debits_pending, debits_posted, "
                    + "credits_pending, credits_posted FROM ledger_account_history WHERE account_id = ? ORDER BY seq", ids[2]);
            assertThat(history).hasSameSizeAs(lines);
            for (int i = 0; i < lines.size(); i++) {
                var l = lines.get(i);
                Balances a = l.after();
                assertThat(history.get(i)).as("history row %s", i).containsExactly(String.valueOf(l.seq()),
                        l.transferId(), String.valueOf(a.debitsPending()), String.valueOf(a.debitsPosted()),
                        String.valueOf(a.creditsPending()), String.valueOf(a.creditsPosted()));
            }
            assertThat(f.scalar("SELECT COUNT(*) FROM ledger_account_history WHERE account_id IN (?, ?, ?, ?)",
                    ids[0], ids[1], ids[3], ids[4])).as("history only for flagged accounts").isZero();
            f.assertHealthy();
        }

        Balances balances(int i) {
            long[] b = model.bal[i];
            return new Balances(b[0], b[1], b[2], b[3]);
        }

        void step(List<int[]> units) {
            // a freeze toggle is a step of its own
            if (units.get(0)[0] % 100 >= 97) {
                int acct = 2 + units.get(0)[1] % 2; // B or C
                boolean freeze = !model.frozen[acct];
                log.append("status ").append(acct).append(freeze ? " FROZEN\n" : " ACTIVE\n");
                assertThat(f.ledger.changeStatus(ids[acct], freeze ? AccountStatus.FROZEN : AccountStatus.ACTIVE))
                        .isEqualTo(StatusChange.CHANGED);
                model.frozen[acct] = freeze;
                return;
            }
            List<TransferRequest> batch = new ArrayList<>();
            List<Set<CreateTransferResult>> expected = new ArrayList<>();
            for (int[] u : units) {
                int t = u[0] % 100;
                if (t >= 88 && t < 97) {
                    chain(u, batch, expected);
                } else {
                    TransferRequest r = unit(u, false);
                    batch.add(r);
                    expected.add(evaluate(r));
                    current.add(r);
                }
            }
            current.clear();
            log.append("batch ").append(batch).append('\n');
            List<TransferResult> results = f.ledger.createTransfers(batch);
            assertThat(results).hasSameSizeAs(batch);
            for (int i = 0; i < batch.size(); i++) {
                TransferRequest r = batch.get(i);
                TransferResult res = results.get(i);
                assertThat(res.id()).isEqualTo(r.id());
                SEEN.merge(res.result(), 1, Integer::sum);
                assertThat(expected.get(i)).as("result of %s (#%s of the batch)%nlog:%n%s", r, i, log)
                        .contains(res.result());
                check(r, res);
                submitted.add(r.linked() ? unlink(r) : r);
            }
            for (int i = 0; i < N; i++) {
                assertThat(f.balances(ids[i])).as("balances of account %s after batch %s%nlog:%n%s", i, batch, log)
                        .isEqualTo(balances(i));
            }
        }

        /** What the model expects for a standalone request, applied to the model. */
        Set<CreateTransferResult> evaluate(TransferRequest r) {
            return model.apply(r, acct(r.debitAccountId()), acct(r.creditAccountId()));
        }

        int acct(long id) {
            Integer i = index.get(id);
            return i == null ? -1 : i;
        }

        /** A linked chain of two or three members, sometimes with one forced to fail. */
        void chain(int[] u, List<TransferRequest> batch, List<Set<CreateTransferResult>> expected) {
            Random rnd = new Random(u[7]);
            int len = 2 + rnd.nextInt(2);
            int forcedFailure = rnd.nextInt(3) == 0 ? rnd.nextInt(len) : -1;
            List<TransferRequest> members = new ArrayList<>();
            Model before = model.copy();
            int failedAt = -1;
            Set<CreateTransferResult> failure = null;
            for (int k = 0; k < len; k++) {
                int[] m = new int[8];
                for (int j = 0; j < 8; j++) {
                    m[j] = rnd.nextInt(Integer.MAX_VALUE);
                }
                m[0] = rnd.nextInt(88); // no chain inside a chain
                TransferRequest r;
                if (k == forcedFailure) {
                    // more than anyone has: wallet A pays out a billion
                    r = TransferRequest.single(newId(), ids[1], ids[3], 1_000_000_000L, CNY, CODE, null);
                } else {
                    r = unit(m, true);
                }
                if (k < len - 1) {
                    r = r.linkedToNext();
                }
                if (failedAt < 0) {
                    Set<CreateTransferResult> e = evaluate(r);
                    if (e.equals(Set.of(EXISTS))) {
                        // whether an EXISTS breaks a chain is not specified: use a fresh id instead
                        r = new TransferRequest(newId(), r.kind(), r.debitAccountId(), r.creditAccountId(), r.amount(),
                                r.ledger(), r.code(), r.pendingId(), r.timeoutSeconds(), r.reference(), r.linked());
                        e = evaluate(r);
                    }
                    if (!e.contains(CREATED)) {
                        failedAt = k;
                        failure = e;
                    }
                }
                members.add(r);
                // later members, and later units of the batch, may target earlier ones
                current.add(r);
            }
            if (failedAt >= 0) {
                model.restore(before);
            }
            for (int k = 0; k < len; k++) {
                batch.add(members.get(k));
                if (failedAt < 0) {
                    expected.add(Set.of(CREATED));
                } else {
                    expected.add(k == failedAt ? failure : Set.of(LINKED_EVENT_FAILED));
                }
            }
        }

        /** The requests of the batch being built, so that a batch can name its own earlier ids. */
        final List<TransferRequest> current = new ArrayList<>();

        List<TransferRequest> targets() {
            List<TransferRequest> all = new ArrayList<>(submitted);
            for (TransferRequest r : current) {
                all.add(unlink(r));
            }
            return all;
        }

        /** Interprets one unit: 0-34 single, 35-52 pending, 53-64 post, 65-71 void, 72-79 retry, 80-87 altered retry. */
        TransferRequest unit(int[] u, boolean inChain) {
            int t = u[0] % 100;
            int debit = u[1] % N;
            int credit = u[2] % N;
            if (credit == debit) {
                credit = (credit + 1 + u[2] % (N - 1)) % N;
            }
            long amount = 1 + u[3] % (u[3] % 4 == 0 ? 3_000 : 400);
            List<TransferRequest> pool = targets();
            if (t >= 72 && t < 80 && !inChain && !pool.isEmpty()) {
                TransferRequest o = pool.get(u[4] % pool.size());
                log.append("  retry ").append(o.id()).append('\n');
                return o; // the very same request
            }
            if (t >= 72 && !pool.isEmpty()) {
                return altered(pool.get(u[4] % pool.size()), u[6], pool);
            }
            if (t < 35 || (t >= 53 && pool.isEmpty()) || t >= 72) {
                if (debit == 0 || u[5] % 3 == 0) {
                    // money enters through S often enough to keep the wallets busy
                    return TransferRequest.single(newId(), ids[0], ids[credit == 0 ? 1 + u[5] % 4 : credit], amount * 3,
                            CNY, CODE, u[6] % 5 == 0 ? "ref:" + u[6] % 7 : null);
                }
                return TransferRequest.single(newId(), ids[debit], ids[credit], amount, CNY, CODE,
                        u[6] % 5 == 0 ? "ref:" + u[6] % 7 : null);
            }
            if (t < 53) {
                return TransferRequest.pending(newId(), ids[debit], ids[credit], amount, CNY, CODE, 0,
                        u[6] % 4 == 0 ? "hold:" + u[6] % 5 : null);
            }
            // post or void: mostly of holds, sometimes of anything (not pending) or of nothing (not found)
            String target;
            List<TransferRequest> holds = pool.stream().filter(r -> r.kind() == TransferKind.PENDING).toList();
            int pick = u[4] % 10;
            if (pick == 0) {
                target = pool.get(u[4] % pool.size()).id();
            } else if (pick == 1 || holds.isEmpty()) {
                target = prefix + ".none" + u[4] % 3;
            } else {
                target = holds.get(u[4] % holds.size()).id();
            }
            if (t < 65) {
                long holdAmount = holds.stream().filter(h -> h.id().equals(target)).mapToLong(TransferRequest::amount)
                        .findFirst().orElse(100);
                long postAmount = u[5] % 3 == 0 ? 0 : 1 + u[5] % (holdAmount + holdAmount / 4 + 1);
                return TransferRequest.post(newId(), target, postAmount);
            }
            return TransferRequest.voidPending(newId(), target);
        }

        /** The same id as an earlier request, with exactly one field changed. */
        TransferRequest altered(TransferRequest o, int sel, List<TransferRequest> pool) {
            TransferRequest base = unlink(o);
            log.append("  altered retry of ").append(o.id()).append('\n');
            String ref = base.reference() == null ? "alt" : base.reference() + "x";
            TransferRequest byReference = base.withReference(ref);
            if (base.kind().resolvesPending()) {
                List<TransferRequest> otherHolds = pool.stream()
                        .filter(r -> r.kind() == TransferKind.PENDING && !r.id().equals(base.pendingId())).toList();
                if (sel % 2 == 0 && !otherHolds.isEmpty()) {
                    String other = otherHolds.get(sel / 2 % otherHolds.size()).id();
                    return new TransferRequest(base.id(), base.kind(), 0, 0, base.amount(), 0, 0, other, 0,
                            base.reference(), false);
                }
                return byReference;
            }
            long d = base.debitAccountId(), c = base.creditAccountId();
            return switch (sel % 7) {
                case 0 -> base.timeoutSeconds() != 0 ? byReference : new TransferRequest(base.id(), base.kind() == TransferKind.SINGLE ? TransferKind.PENDING
                        : TransferKind.SINGLE, d, c, base.amount(), CNY, CODE, null, 0, base.reference(), false);
                case 1 -> new TransferRequest(base.id(), base.kind(), other(d, c), c, base.amount(), CNY, CODE, null,
                        base.timeoutSeconds(), base.reference(), false);
                case 2 -> new TransferRequest(base.id(), base.kind(), d, other(c, d), base.amount(), CNY, CODE, null,
                        base.timeoutSeconds(), base.reference(), false);
                case 3 -> new TransferRequest(base.id(), base.kind(), d, c, base.amount() + 1, CNY, CODE, null,
                        base.timeoutSeconds(), base.reference(), false);
                case 4 -> new TransferRequest(base.id(), base.kind(), d, c, base.amount(), CNY, CODE + 1, null,
                        base.timeoutSeconds(), base.reference(), false);
                case 5 -> base.kind() == TransferKind.PENDING
                        ? new TransferRequest(base.id(), base.kind(), d, c, base.amount(), CNY, CODE, null,
                        base.timeoutSeconds() + 3600, base.reference(), false)
                        : byReference;
                default -> byReference;
            };
        }

        /** An account of this try other than {@code not} and {@code alsoNot}. */
        long other(long not, long alsoNot) {
            for (int k = 1; k <= N; k++) {
                long cand = ids[(acct(not) + k) % N];
                if (cand != not && cand != alsoNot) {
                    return cand;
                }
            }
            throw new IllegalStateException();
        }

        /** The fields of a returned transfer, against the request and the model. */
        void check(TransferRequest r, TransferResult res) {
            switch (res.result()) {
                case CREATED -> {
                    Transfer t = res.transfer();
                    assertThat(t).isNotNull();
                    assertThat(written.put(r.id(), t)).as("%s created twice", r.id()).isNull();
                    Rec rec = model.transfers.get(r.id());
                    assertThat(t.id()).isEqualTo(r.id());
                    assertThat(t.kind()).isEqualTo(r.kind());
                    assertThat(t.ledger()).isEqualTo(CNY);
                    if (rec != null) { // null when the chain later failed: then the result is not CREATED anyway
                        assertThat(acct(t.debitAccountId())).isEqualTo(rec.debit());
                        assertThat(acct(t.creditAccountId())).isEqualTo(rec.credit());
                        assertThat(t.code()).isEqualTo(rec.code());
                        // a post or void without a reference carries its hold's (the implementation's choice)
                        assertThat(t.reference()).isEqualTo(rec.reference());
                        if (r.kind() != TransferKind.VOID_PENDING) {
                            assertThat(t.amount()).as("amount of %s", r.id()).isEqualTo(rec.amount());
                        }
                        assertThat(t.pendingAmount()).isEqualTo(rec.pendingAmount());
                        assertThat(t.pendingId()).isEqualTo(rec.pendingId());
                    }
                }
                case EXISTS -> assertThat(res.transfer()).as("EXISTS returns the original of %s", r.id())
                        .isEqualTo(written.get(r.id()));
                default -> assertThat(res.transfer()).isNull();
            }
        }
    }

    static TransferRequest unlink(TransferRequest r) {
        return new TransferRequest(r.id(), r.kind(), r.debitAccountId(), r.creditAccountId(), r.amount(), r.ledger(),
                r.code(), r.pendingId(), r.timeoutSeconds(), r.reference(), false);
    }
}
