package io.lingqian.care.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.care.FundAllocation;

/** The SQL for {@code care_fund_allocation}. */
@Repository
public class FundStore {

    private final JdbcClient jdbc;

    FundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the allocation unless its key is taken; whether it was recorded now. */
    public boolean insert(String key, long amountFen, String actor, Instant now) {
        return jdbc.sql("""
                INSERT INTO care_fund_allocation (request_key, amount_fen, actor, at) VALUES (:k, :a, :actor, :now)
                ON CONFLICT DO NOTHING""")
                .param("k", key).param("a", amountFen).param("actor", actor).param("now", Sql.utc(now)).update() == 1;
    }

    public Optional<FundAllocation> byKey(String key) {
        return jdbc.sql("SELECT request_key, amount_fen, actor, at FROM care_fund_allocation WHERE request_key = :k")
                .param("k", key).query(FundStore::row).optional();
    }

    public List<FundAllocation> recent(int limit) {
        return jdbc.sql("SELECT request_key, amount_fen, actor, at FROM care_fund_allocation ORDER BY at DESC LIMIT :l")
                .param("l", limit).query(FundStore::row).list();
    }

    private static FundAllocation row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new FundAllocation(rs.getString("request_key"), rs.getLong("amount_fen"), rs.getString("actor"),
                rs.getObject("at", OffsetDateTime.class).toInstant());
    }
}
