package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.LedgerException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each piece of work in its own transaction and retries it when the database reports a
 * transient conflict. Retrying a whole ledger batch is safe because transfers are idempotent by id:
 * a batch whose commit was in doubt is answered {@code EXISTS} the second time.
 *
 * <p>Transient: serialization failure and deadlock (SQLState 40001, 40P01), H2's lock timeout
 * (HYT00), and a unique violation (23505), which here means a concurrent batch created the same
 * transfer or account id first.
 */
public final class DataSourceTransactions implements TransactionRunner {

    private static final int MAX_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong deadlocks = new AtomicLong();

    public DataSourceTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException e) {
                    rollback(c, e);
                    String state = e.getSQLState();
                    if ("40P01".equals(state) || "40001".equals(state)) {
                        deadlocks.incrementAndGet();
                    }
                    if (attempt < MAX_ATTEMPTS && isTransient(e)) {
                        retries.incrementAndGet();
                        continue;
                    }
                    throw new LedgerException("ledger transaction failed after " + attempt + " attempt(s): "
                            + e.getMessage(), e);
                } catch (RuntimeException | Error e) {
                    rollback(c, e);
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw new LedgerException("no database connection: " + e.getMessage(), e);
            }
        }
    }

    /** How many transactions were retried after a transient conflict. */
    public long retries() {
        return retries.get();
    }

    /** How many of those were deadlocks; with the ledger's lock order this stays zero. */
    public long deadlocks() {
        return deadlocks.get();
    }

    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                switch (s.getSQLState()) {
                    case "40001", "40P01", "HYT00", "23505":
                        return true;
                    default:
                        break;
                }
            }
        }
        return false;
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
