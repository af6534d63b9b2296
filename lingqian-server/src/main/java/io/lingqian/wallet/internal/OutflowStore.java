package io.lingqian.wallet.internal;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for {@code wallet_outflow}: what a person's balances have paid, for the limits. */
@Repository
public class OutflowStore {

    public record Usage(long amountFen, int count) {
    }

    private final JdbcClient jdbc;

    OutflowStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String reference) {
        return jdbc.sql("SELECT COUNT(*) FROM wallet_outflow WHERE reference = :r").param("r", reference)
                .query(Integer.class).single() > 0;
    }

    public void insert(long identityId, long userId, String kind, long amountFen, boolean passwordFree,
            String reference, Instant now) {
        jdbc.sql("""
                INSERT INTO wallet_outflow (identity_id, user_id, kind, amount_fen, password_free, reference, created_at)
                VALUES (:i, :u, :k, :a, :pf, :r, :now)""")
                .param("i", identityId).param("u", userId).param("k", kind).param("a", amountFen)
                .param("pf", passwordFree).param("r", reference).param("now", Sql.utc(now)).update();
    }

    /**
     * Marks {@code releasedFen} of the outflow as given back, never less than already released and
     * never more than its amount (so a retry changes nothing). Returns whether the outflow exists.
     */
    public boolean release(String reference, long releasedFen) {
        return jdbc.sql("""
                UPDATE wallet_outflow SET released_fen = CASE
                    WHEN :f > amount_fen THEN amount_fen WHEN :f > released_fen THEN :f ELSE released_fen END
                WHERE reference = :r""").param("f", releasedFen).param("r", reference).update() > 0;
    }

    /** Outflows of the person since {@code from}, less what came back; password-free ones only if asked. */
    public Usage usage(long identityId, Instant from, boolean passwordFreeOnly) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(amount_fen - released_fen), 0) AS amount_fen, COUNT(*) AS count FROM wallet_outflow
                WHERE identity_id = :i AND created_at >= :from
                  AND (:pfOnly = FALSE OR password_free = TRUE)""")
                .param("i", identityId).param("from", Sql.utc(from)).param("pfOnly", passwordFreeOnly)
                .query(Usage.class).single();
    }
}
