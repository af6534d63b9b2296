package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.Balances;
import io.lingqian.ledger.Transfer;

/**
 * What one journal row does to the totals of each of its accounts. Stated once in Java (for
 * running balances) and once in SQL (for sums over many rows); the invariant checker holds the two
 * to each other, since stored totals must equal the SQL sums.
 */
final class Effects {

    /**
     * Four sums over {@code ledger_transfer} rows for one account: debits pending, debits posted,
     * credits pending, credits posted. Takes the account id four times as parameters.
     */
    static final String SUMS_FOR_ACCOUNT = """
            COALESCE(SUM(CASE WHEN debit_account_id = ? THEN
                CASE kind WHEN 'PENDING' THEN amount WHEN 'SINGLE' THEN 0 ELSE -pending_amount END ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN debit_account_id = ? AND kind IN ('SINGLE', 'POST_PENDING') THEN amount ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN credit_account_id = ? THEN
                CASE kind WHEN 'PENDING' THEN amount WHEN 'SINGLE' THEN 0 ELSE -pending_amount END ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN credit_account_id = ? AND kind IN ('SINGLE', 'POST_PENDING') THEN amount ELSE 0 END), 0)
            """;

    /** Per-account totals recomputed from the whole journal: one row per account that has transfers. */
    static final String TOTALS_BY_ACCOUNT = """
            SELECT account_id, SUM(dpend) AS dpend, SUM(dpost) AS dpost, SUM(cpend) AS cpend, SUM(cpost) AS cpost
            FROM (
                SELECT debit_account_id AS account_id,
                       CASE kind WHEN 'PENDING' THEN amount WHEN 'SINGLE' THEN 0 ELSE -pending_amount END AS dpend,
                       CASE WHEN kind IN ('SINGLE', 'POST_PENDING') THEN amount ELSE 0 END AS dpost,
                       CAST(0 AS BIGINT) AS cpend, CAST(0 AS BIGINT) AS cpost
                FROM ledger_transfer
                UNION ALL
                SELECT credit_account_id,
                       CAST(0 AS BIGINT), CAST(0 AS BIGINT),
                       CASE kind WHEN 'PENDING' THEN amount WHEN 'SINGLE' THEN 0 ELSE -pending_amount END,
                       CASE WHEN kind IN ('SINGLE', 'POST_PENDING') THEN amount ELSE 0 END
                FROM ledger_transfer
            ) effects
            GROUP BY account_id
            """;

    private Effects() {
    }

    /** The totals of an account after {@code t}, given the totals before; {@code debit}: which side it is on. */
    static Balances apply(Balances b, Transfer t, boolean debit) {
        long pendingDelta = switch (t.kind()) {
            case SINGLE -> 0;
            case PENDING -> t.amount();
            case POST_PENDING, VOID_PENDING -> -t.pendingAmount();
        };
        long postedDelta = switch (t.kind()) {
            case SINGLE, POST_PENDING -> t.amount();
            case PENDING, VOID_PENDING -> 0;
        };
        return debit
                ? new Balances(b.debitsPending() + pendingDelta, b.debitsPosted() + postedDelta,
                b.creditsPending(), b.creditsPosted())
                : new Balances(b.debitsPending(), b.debitsPosted(),
                b.creditsPending() + pendingDelta, b.creditsPosted() + postedDelta);
    }
}
