package io.lingqian.ledger.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the ledger gets a connection inside a transaction.
 *
 * <p>{@link DataSourceTransactions} owns its transactions (begin, commit, retry on a transient
 * failure). The server supplies one that joins the caller's Spring transaction when there is one, so
 * that a business change (an order marked paid) and its ledger postings commit or roll back
 * together.
 */
public interface TransactionRunner {

    <T> T inTransaction(SqlWork<T> work);

    /** Work on a connection that is already inside a transaction; must not commit or roll back. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
