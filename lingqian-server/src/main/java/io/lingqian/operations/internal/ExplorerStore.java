package io.lingqian.operations.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Look-ups for the ledger explorer. Reads (never writes) the ledger's tables, to search references
 * and find a batch's rows, and the wallet's and merchants' tables, to name an account's owner.
 */
@Repository
public class ExplorerStore {

    /** The journal sequence's step: each ledger batch numbers its transfers from one multiple of it. */
    private static final long BATCH_STEP = 8192;

    private final JdbcClient jdbc;

    ExplorerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long batchStep() {
        return BATCH_STEP;
    }

    public List<Long> accountsByReferencePrefix(String prefix, int limit) {
        return jdbc.sql("SELECT id FROM ledger_account WHERE reference LIKE :p ESCAPE '\\' ORDER BY reference LIMIT :n")
                .param("p", escape(prefix) + "%").param("n", limit).query(Long.class).list();
    }

    public List<Long> accountsOfMerchantsNamed(String part, int limit) {
        List<Long> merchants = jdbc.sql("""
                SELECT id FROM merchant WHERE LOWER(name) LIKE :p ESCAPE '\\' ORDER BY id DESC LIMIT :n""")
                .param("p", "%" + escape(part.toLowerCase()) + "%").param("n", limit).query(Long.class).list();
        List<Long> accounts = new java.util.ArrayList<>();
        merchants.forEach(m -> accounts.addAll(accountsByReferencePrefix("merchant:" + m + ":", limit)));
        return accounts;
    }

    public List<Long> walletUsersByName(String part, int limit) {
        return jdbc.sql("SELECT id FROM wallet_user WHERE LOWER(display_name) LIKE :p ESCAPE '\\' ORDER BY id DESC LIMIT :n")
                .param("p", "%" + escape(part.toLowerCase()) + "%").param("n", limit).query(Long.class).list();
    }

    public Optional<Long> walletUserByMobile(String mobile) {
        return jdbc.sql("SELECT id FROM wallet_user WHERE mobile = :m").param("m", mobile).query(Long.class).optional();
    }

    public Optional<String> walletUserName(long id) {
        return jdbc.sql("SELECT display_name FROM wallet_user WHERE id = :id").param("id", id)
                .query(String.class).optional();
    }

    public Optional<String> merchantName(long id) {
        return jdbc.sql("SELECT name FROM merchant WHERE id = :id").param("id", id).query(String.class).optional();
    }

    public List<String> transferIdsBetween(long fromSeq, long toSeq) {
        return jdbc.sql("SELECT id FROM ledger_transfer WHERE seq >= :f AND seq < :t ORDER BY seq")
                .param("f", fromSeq).param("t", toSeq).query(String.class).list();
    }

    public Optional<String> transferResolving(String holdId) {
        return jdbc.sql("SELECT id FROM ledger_transfer WHERE pending_id = :h").param("h", holdId)
                .query(String.class).optional();
    }

    public Optional<Long> orderByTransactionId(String transactionId) {
        return jdbc.sql("SELECT id FROM payment_order WHERE transaction_id = :t").param("t", transactionId)
                .query(Long.class).optional();
    }

    public Optional<Long> orderByRefundId(String refundId) {
        return jdbc.sql("SELECT order_id FROM payment_refund WHERE refund_id = :r").param("r", refundId)
                .query(Long.class).optional();
    }

    private static String escape(String like) {
        return like.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
