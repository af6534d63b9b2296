package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.AccountResult;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.CreateAccountResult;
import io.lingqian.ledger.LedgerException;
import io.lingqian.ledger.NewAccount;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.lingqian.ledger.CreateTransferResult.CREATED;
import static io.lingqian.ledger.CreateTransferResult.EXCEEDS_CREDITS;
import static io.lingqian.ledger.CreateTransferResult.EXISTS;
import static io.lingqian.ledger.CreateTransferResult.LINKED_EVENT_FAILED;
import static io.lingqian.ledger.jdbc.LedgerFixture.CNY;
import static io.lingqian.ledger.jdbc.LedgerFixture.CODE;
import static io.lingqian.ledger.jdbc.LedgerFixture.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database fails in the middle of a batch: at the 1st, 2nd, … statement (or commit) of the
 * call, in turn, until the call gets through. Every failed attempt must leave the store exactly as it
 * was (accounts, journal, holds, chain heads, history) and throw {@link LedgerException}; the attempt
 * that gets through applies the batch once; a retry after that is answered EXISTS.
 */
class CrashConsistencyTest {

    private LedgerFixture f;
    private Faults faults;
    private JdbcLedger faulty;

    @BeforeEach
    void open() {
        f = LedgerFixture.create();
        faults = new Faults(f.db.dataSource());
        faulty = f.ledgerOver(faults.dataSource());
    }

    @AfterEach
    void close() {
        try {
            f.assertHealthy();
        } finally {
            f.close();
        }
    }

    @Test
    void aBatchFailingAtAnyStatementIsRolledBackEntirelyAndThenAppliedOnce() {
        long bank = f.account();
        long wallet = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, AccountFlag.HISTORY);
        long shop = f.account(AccountFlag.HISTORY);
        long fee = f.account();
        f.fund(bank, wallet, 1_000);
        String oldHold = uid("hold"), oldHold2 = uid("hold");
        f.ledger.createTransfer(TransferRequest.pending(oldHold, wallet, shop, 400, CNY, CODE, 0, null)).orThrow();
        f.ledger.createTransfer(TransferRequest.pending(oldHold2, wallet, shop, 100, CNY, CODE, 0, null)).orThrow();

        String newHold = uid("hold");
        List<TransferRequest> batch = List.of(
                TransferRequest.single(uid("top"), bank, wallet, 500, CNY, CODE, "topup:1"),
                TransferRequest.pending(newHold, wallet, shop, 300, CNY, CODE, 60, "order:1"),
                TransferRequest.post(uid("post"), oldHold, 250),
                TransferRequest.voidPending(uid("void"), oldHold2),
                TransferRequest.single(uid("pay"), wallet, shop, 100, CNY, CODE, null).linkedToNext(),
                TransferRequest.single(uid("fee"), shop, fee, 1, CNY, CODE, null),
                TransferRequest.single(uid("too-much"), wallet, shop, 1_000_000, CNY, CODE, null),
                TransferRequest.single(uid("chain-a"), bank, fee, 5, CNY, CODE, null).linkedToNext(),
                TransferRequest.single(uid("chain-b"), wallet, fee, 1_000_000, CNY, CODE, null),
                TransferRequest.post(uid("post"), newHold));

        List<TransferResult> results = throughFaults(() -> faulty.createTransfers(batch));
        assertThat(faultPoints).as("statements and commit of the batch, each failed once").isGreaterThanOrEqualTo(10);
        assertThat(results).extracting(TransferResult::result).containsExactly(
                CREATED, CREATED, CREATED, CREATED, CREATED, CREATED, EXCEEDS_CREDITS, LINKED_EVENT_FAILED,
                EXCEEDS_CREDITS, CREATED);
        // 1000 + 500 in; 250 + 100 + 300 out; nothing pending any more
        assertThat(f.balances(wallet)).isEqualTo(new Balances(0, 650, 0, 1_500));
        assertThat(f.balances(shop)).isEqualTo(new Balances(0, 1, 0, 650));
        assertThat(f.balances(fee)).isEqualTo(new Balances(0, 0, 0, 1));

        LedgerFixture.StoreState after = f.state();
        List<TransferResult> again = f.ledger.createTransfers(batch);
        assertThat(again).extracting(TransferResult::result).containsExactly(
                EXISTS, EXISTS, EXISTS, EXISTS, EXISTS, EXISTS, EXCEEDS_CREDITS, LINKED_EVENT_FAILED,
                EXCEEDS_CREDITS, EXISTS);
        for (int i = 0; i < batch.size(); i++) {
            assertThat(again.get(i).transfer()).isEqualTo(results.get(i).transfer());
        }
        assertThat(f.state()).isEqualTo(after);
    }

    @Test
    void theSweeperFailingAtAnyStatementVoidsNothing() {
        long bank = f.account(), wallet = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), shop = f.account();
        f.fund(bank, wallet, 1_000);
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String h = uid("hold");
            f.ledger.createTransfer(TransferRequest.pending(h, wallet, shop, 100, CNY, CODE, 30, null)).orThrow();
            holds.add(h);
        }
        f.clock.advance(Duration.ofMinutes(1));
        int voided = throughFaults(() -> faulty.voidExpiredPendingTransfers(100));
        assertThat(voided).isEqualTo(5);
        for (String h : holds) {
            assertThat(f.ledger.transfer(h + "#expired")).isPresent();
        }
        assertThat(f.balances(wallet)).isEqualTo(new Balances(0, 0, 0, 1_000));
        assertThat(f.ledger.voidExpiredPendingTransfers(100)).isZero();
    }

    @Test
    void openingAccountsFailingAtAnyStatementOpensNone() {
        long a = f.ledger.nextAccountId(), b = f.ledger.nextAccountId();
        List<NewAccount> accounts = List.of(NewAccount.of(a, CNY, 1, "wallet:a"),
                NewAccount.of(b, CNY, 1, "wallet:b", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
        List<AccountResult> r = throughFaults(() -> faulty.createAccounts(accounts));
        assertThat(r).extracting(AccountResult::result).containsExactly(CreateAccountResult.CREATED,
                CreateAccountResult.CREATED);
        assertThat(f.ledger.createAccounts(accounts)).extracting(AccountResult::result)
                .containsExactly(CreateAccountResult.EXISTS, CreateAccountResult.EXISTS);
    }

    /**
     * Runs the call with a fault at its 1st, 2nd, … database statement until one attempt runs to the
     * end without reaching the fault; asserts that every failed attempt threw and changed nothing.
     */
    private int faultPoints;

    private <T> T throughFaults(Supplier<T> call) {
        for (int n = 1; n < 1_000; n++) {
            LedgerFixture.StoreState before = f.state();
            faults.arm(n);
            T result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                assertThat(faults.fired()).as("attempt %s failed without an injected fault: %s", n, e).isTrue();
                assertThat(e).as("failure at statement %s", n).isInstanceOf(LedgerException.class);
                assertThat(f.state()).as("store after a failure at statement %s (%s)", n, faults.firedAt())
                        .isEqualTo(before);
                continue;
            } finally {
                faults.disarm();
            }
            assertThat(faults.fired()).as("a fault at statement %s was swallowed: %s", n, faults.firedAt()).isFalse();
            assertThat(n).as("the call issued statements").isGreaterThan(2);
            faultPoints = n - 1;
            System.out.printf("%s: failed at each of %d statements/commit, then went through%n", f.db.kind(), n - 1);
            return result;
        }
        throw new AssertionError("the call never got through");
    }

    /** Wraps a DataSource so that the Nth execute… (or commit) after {@link #arm} throws, once. */
    static final class Faults {
        private final DataSource target;
        private int remaining = -1;
        private String firedAt;

        Faults(DataSource target) {
            this.target = target;
        }

        synchronized void arm(int n) {
            remaining = n;
            firedAt = null;
        }

        synchronized void disarm() {
            remaining = -1;
        }

        synchronized boolean fired() {
            return firedAt != null;
        }

        synchronized String firedAt() {
            return firedAt;
        }

        private synchronized void point(String what) throws SQLException {
            if (remaining > 0 && --remaining == 0) {
                firedAt = what;
                throw new SQLException("injected fault at " + what, "XX000");
            }
        }

        DataSource dataSource() {
            return proxy(DataSource.class, target, (m, args, result) -> {
                if (result instanceof Connection c && m.getName().equals("getConnection")) {
                    return connection(c);
                }
                return result;
            }, null);
        }

        private Connection connection(Connection c) {
            return proxy(Connection.class, c, (m, args, result) -> {
                switch (m.getName()) {
                    case "prepareStatement":
                        return statement(PreparedStatement.class, (PreparedStatement) result,
                                args != null && args.length > 0 ? String.valueOf(args[0]) : "?");
                    case "prepareCall":
                        return statement(CallableStatement.class, (CallableStatement) result, String.valueOf(args[0]));
                    case "createStatement":
                        return statement(Statement.class, (Statement) result, "statement");
                    default:
                        return result;
                }
            }, m -> m.getName().equals("commit") ? "commit" : null);
        }

        private <S extends Statement> S statement(Class<S> type, S s, String sql) {
            return proxy(type, s, (m, args, result) -> result,
                    m -> m.getName().startsWith("execute") ? m.getName() + " " + sql : null);
        }

        interface After {
            Object apply(Method m, Object[] args, Object result) throws Throwable;
        }

        interface Before {
            String point(Method m);
        }

        private <I> I proxy(Class<I> type, I target, After after, Before before) {
            InvocationHandler h = (p, m, args) -> {
                if (before != null) {
                    String point = before.point(m);
                    if (point != null) {
                        point(point);
                    }
                }
                Object result;
                try {
                    result = m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                return after.apply(m, args, result);
            };
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, h));
        }
    }
}
