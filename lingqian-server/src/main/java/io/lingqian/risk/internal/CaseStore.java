package io.lingqian.risk.internal;

import static io.lingqian.risk.internal.RiskStore.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Tables {@code risk_case} and {@code risk_case_event} (V800). */
@Repository
public class CaseStore {

    public record CaseRow(long id, long userId, String state, String decision, String summary, int hits,
                          OffsetDateTime openedAt, OffsetDateTime updatedAt, OffsetDateTime closedAt, String closedBy) {
    }

    public record EventRow(long id, long caseId, String kind, String actor, String detail, OffsetDateTime at) {
    }

    private static final String SELECT = """
            SELECT id, user_id, state, decision, summary, hits, opened_at, updated_at, closed_at, closed_by
            FROM risk_case""";

    private final JdbcClient jdbc;

    CaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CaseRow> lockOpenOf(long userId) {
        return jdbc.sql(SELECT + " WHERE open_user_id = ? FOR UPDATE").param(userId).query(CaseRow.class).optional();
    }

    public long insert(long userId, String decision, String summary, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO risk_case (user_id, open_user_id, state, decision, summary, hits, opened_at, updated_at)
                VALUES (:u, :u, 'OPEN', :d, :s, 1, :now, :now)""")
                .param("u", userId).param("d", decision).param("s", summary).param("now", utc(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public void hit(long id, String decision, String summary, Instant now) {
        jdbc.sql("UPDATE risk_case SET hits = hits + 1, decision = ?, summary = ?, updated_at = ? WHERE id = ?")
                .params(decision, summary, utc(now), id).update();
    }

    public void close(long id, String state, String by, Instant now) {
        jdbc.sql("""
                UPDATE risk_case SET state = ?, open_user_id = NULL, closed_at = ?, closed_by = ?, updated_at = ?
                WHERE id = ?""").params(state, utc(now), by, utc(now), id).update();
    }

    public void touch(long id, Instant now) {
        jdbc.sql("UPDATE risk_case SET updated_at = ? WHERE id = ?").params(utc(now), id).update();
    }

    public Optional<CaseRow> get(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(CaseRow.class).optional();
    }

    public Optional<CaseRow> lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(id).query(CaseRow.class).optional();
    }

    public List<CaseRow> list(String state, Long userId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state);
        }
        if (userId != null) {
            sql.append(" AND user_id = ?");
            params.add(userId);
        }
        sql.append(" ORDER BY updated_at DESC, id DESC LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(CaseRow.class).list();
    }

    public void event(long caseId, String kind, String actor, String detail, Instant at) {
        jdbc.sql("INSERT INTO risk_case_event (case_id, kind, actor, detail, at) VALUES (?, ?, ?, ?, ?)")
                .params(caseId, kind, actor, detail.length() > 1000 ? detail.substring(0, 1000) : detail, utc(at))
                .update();
    }

    public List<EventRow> events(long caseId) {
        return jdbc.sql("SELECT * FROM risk_case_event WHERE case_id = ? ORDER BY id").param(caseId)
                .query(EventRow.class).list();
    }
}
