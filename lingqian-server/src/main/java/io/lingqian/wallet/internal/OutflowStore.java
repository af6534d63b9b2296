package io.lingqian.wallet.internal;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for {@code wallet_outflow}: what a person's balances have paid, for the limits. */
@Repository
public class OutflowStore {

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

    /** What the limits count of a person's outflows, less what came back. */
    public record Usages(long classFen, long todayFen, long passwordFreeTodayFen, int passwordFreeTodayCount) {
    }

    /**
     * The person's outflows since {@code classFrom} (the account class's period), since {@code today}
     * (the start of the day), and the password-free ones since {@code today}: one read for all three.
     */
    public Usages usages(long identityId, Instant classFrom, Instant today) {
        Instant from = classFrom.isBefore(today) ? classFrom : today;
        return jdbc.sql("""
                SELECT
                  COALESCE(SUM(CASE WHEN created_at >= :cls THEN amount_fen - released_fen ELSE 0 END), 0) AS class_fen,
                  COALESCE(SUM(CASE WHEN created_at >= :today THEN amount_fen - released_fen ELSE 0 END), 0) AS today_fen,
                  COALESCE(SUM(CASE WHEN created_at >= :today AND password_free = TRUE
                                    THEN amount_fen - released_fen ELSE 0 END), 0) AS password_free_today_fen,
                  COUNT(CASE WHEN created_at >= :today AND password_free = TRUE THEN 1 END) AS password_free_today_count
                FROM wallet_outflow WHERE identity_id = :i AND created_at >= :from""")
                .param("i", identityId).param("cls", Sql.utc(classFrom)).param("today", Sql.utc(today))
                .param("from", Sql.utc(from)).query(Usages.class).single();
    }
}
