package io.lingqian.accounting.internal;

import io.lingqian.ledger.LedgerException;
import io.lingqian.ledger.jdbc.DataSourceTransactions;
import io.lingqian.ledger.jdbc.TransactionRunner;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs ledger work inside the caller's Spring transaction when there is one, so that a business
 * change and its postings commit together; otherwise in a transaction of its own, retried on
 * transient conflicts. Inside a caller's transaction nothing is retried here: the conflict
 * propagates and the caller's whole unit of work is what must be retried.
 */
final class SpringTransactions implements TransactionRunner {

    private final DataSource dataSource;
    private final DataSourceTransactions standalone;

    SpringTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
        this.standalone = new DataSourceTransactions(dataSource);
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return standalone.inTransaction(work);
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new LedgerException("ledger work failed inside the caller's transaction: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    long retries() {
        return standalone.retries();
    }

    long deadlocks() {
        return standalone.deadlocks();
    }
}
