package io.lingqian.ledger.jdbc;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.AccountResult;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.CreateAccountResult;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.NewAccount;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.ledger.testing.TestDatabase;

import javax.sql.DataSource;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One migrated database, one clock standing still at {@link #T0}, one {@link JdbcLedger}, and the
 * helpers the ledger tests share: opening accounts, funding them, and reading the raw tables so that
 * "nothing changed" can be asserted on the store itself rather than through the ledger's own reads.
 */
final class LedgerFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final int CNY = Ledger.CNY;
    static final int USD = 840;
    static final int CODE = 1;

    private static final AtomicLong IDS = new AtomicLong();

    final TestDatabase db;
    final AdjustableClock clock;
    final JdbcLedger ledger;

    private LedgerFixture(TestDatabase db, AdjustableClock clock, JdbcLedger ledger) {
        this.db = db;
        this.clock = clock;
        this.ledger = ledger;
    }

    static LedgerFixture create() {
        return create(16);
    }

    static LedgerFixture create(int poolSize) {
        TestDatabase db = TestDatabase.create(poolSize);
        AdjustableClock clock = AdjustableClock.fixed(T0, ZoneOffset.UTC);
        return new LedgerFixture(db, clock, new JdbcLedger(db.dataSource(), clock));
    }

    /** A ledger over another data source (a fault-injecting wrapper) on the same database and clock. */
    JdbcLedger ledgerOver(DataSource dataSource) {
        return new JdbcLedger(dataSource, clock);
    }

    @Override
    public void close() {
        db.close();
    }

    /** A transfer id unique in this JVM. */
    static String uid(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    long account(AccountFlag... flags) {
        return account(CNY, flags);
    }

    long account(int ledgerCode, AccountFlag... flags) {
        long id = ledger.nextAccountId();
        List<AccountResult> r = ledger.createAccounts(List.of(NewAccount.of(id, ledgerCode, CODE, null, flags)));
        assertThat(r).containsExactly(new AccountResult(id, CreateAccountResult.CREATED));
        return id;
    }

    /** Moves {@code amount} from {@code from} to {@code to} and asserts it was created. */
    TransferResult fund(long from, long to, long amount) {
        TransferResult r = ledger.createTransfer(TransferRequest.single(uid("fund"), from, to, amount, CNY, CODE, null));
        assertThat(r.result()).as("funding %s -> %s of %s", from, to, amount).isEqualTo(CreateTransferResult.CREATED);
        return r;
    }

    Balances balances(long accountId) {
        return ledger.account(accountId).map(Account::balances).orElseThrow();
    }

    /** Everything the ledger stores, as strings, in a stable order. */
    StoreState state() {
        return new StoreState(
                rows("SELECT * FROM ledger_account ORDER BY id"),
                rows("SELECT * FROM ledger_transfer ORDER BY seq"),
                rows("SELECT * FROM ledger_pending ORDER BY transfer_id"),
                rows("SELECT * FROM ledger_chain ORDER BY chain_id"),
                rows("SELECT * FROM ledger_account_history ORDER BY account_id, seq"));
    }

    record StoreState(List<List<String>> accounts, List<List<String>> transfers, List<List<String>> pending,
                      List<List<String>> chains, List<List<String>> history) {
    }

    List<List<String>> rows(String sql, Object... args) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<List<String>> out = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long scalar(String sql, Object... args) {
        return Long.parseLong(rows(sql, args).get(0).get(0));
    }

    int update(String sql, Object... args) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long transferCount() {
        return scalar("SELECT COUNT(*) FROM ledger_transfer");
    }

    /**
     * Per ledger, the sums of the four totals over every account, exactly (no long overflow):
     * {debits_pending, debits_posted, credits_pending, credits_posted}.
     */
    Map<Integer, BigInteger[]> sumsPerLedger() {
        Map<Integer, BigInteger[]> sums = new HashMap<>();
        for (List<String> r : rows("SELECT ledger, debits_pending, debits_posted, credits_pending, credits_posted "
                + "FROM ledger_account")) {
            BigInteger[] s = sums.computeIfAbsent(Integer.parseInt(r.get(0)),
                    k -> new BigInteger[]{BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
            for (int i = 0; i < 4; i++) {
                s[i] = s[i].add(new BigInteger(r.get(i + 1)));
            }
        }
        return sums;
    }

    /** Double entry: in every ledger the debits equal the credits, posted and pending alike. */
    void assertDoubleEntry() {
        sumsPerLedger().forEach((ledgerCode, s) -> {
            assertThat(s[0]).as("ledger %s: sum of debits_pending vs credits_pending", ledgerCode).isEqualTo(s[2]);
            assertThat(s[1]).as("ledger %s: sum of debits_posted vs credits_posted", ledgerCode).isEqualTo(s[3]);
        });
    }

    /** The ledger's own checks and ours. */
    void assertHealthy() {
        var journal = ledger.verifyJournal();
        assertThat(journal.firstBroken()).as("verifyJournal on %s", db.kind()).isEmpty();
        assertThat(journal.intact()).isTrue();
        var report = ledger.checkInvariants();
        assertThat(report.violations()).as("checkInvariants on %s", db.kind()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertDoubleEntry();
    }

    /** A line's effect on the account's totals, recomputed from the line alone. */
    static Balances apply(Balances b, Statement.Line l) {
        boolean debit = l.side() == Statement.Side.DEBIT;
        long dp = b.debitsPending(), dP = b.debitsPosted(), cp = b.creditsPending(), cP = b.creditsPosted();
        switch (l.kind()) {
            case SINGLE -> {
                if (debit) dP += l.amount(); else cP += l.amount();
            }
            case PENDING -> {
                if (debit) dp += l.amount(); else cp += l.amount();
            }
            case POST_PENDING -> {
                if (debit) { dp -= l.pendingAmount(); dP += l.amount(); } else { cp -= l.pendingAmount(); cP += l.amount(); }
            }
            case VOID_PENDING -> {
                if (debit) dp -= l.pendingAmount(); else cp -= l.pendingAmount();
            }
        }
        return new Balances(dp, dP, cp, cP);
    }

    /** Reads the whole statement page by page and checks every running total; returns all lines. */
    List<Statement.Line> fullStatement(long accountId, int pageSize) {
        List<Statement.Line> all = new ArrayList<>();
        long after = 0;
        Balances running = Balances.ZERO;
        for (int guard = 0; guard < 100_000; guard++) {
            Statement page = ledger.statement(accountId, after, pageSize);
            assertThat(page.accountId()).isEqualTo(accountId);
            assertThat(page.opening()).as("opening of the page after seq %s", after).isEqualTo(running);
            assertThat(page.lines().size()).isLessThanOrEqualTo(pageSize);
            for (Statement.Line l : page.lines()) {
                if (!all.isEmpty()) {
                    assertThat(l.seq()).as("statement order").isGreaterThan(all.get(all.size() - 1).seq());
                }
                running = apply(running, l);
                assertThat(l.after()).as("running totals after %s (%s %s)", l.transferId(), l.kind(), l.side())
                        .isEqualTo(running);
                all.add(l);
            }
            if (page.nextAfterSeq() == null) {
                return all;
            }
            assertThat(page.lines()).as("a page with a next page is not empty").isNotEmpty();
            assertThat(page.nextAfterSeq()).isGreaterThanOrEqualTo(page.lines().get(page.lines().size() - 1).seq());
            after = page.nextAfterSeq();
        }
        throw new AssertionError("statement of " + accountId + " does not end");
    }
}
