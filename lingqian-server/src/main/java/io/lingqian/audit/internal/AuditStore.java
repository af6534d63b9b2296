package io.lingqian.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.audit.AuditEntry;

/** Table {@code audit_log} (V801). */
@Repository
public class AuditStore {

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Instant at, String actorKind, Long actorId, String actorName, String kind, String subject,
            String detail) {
        jdbc.sql("""
                INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, kind, subject, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(utc(at), actorKind, actorId, actorName, kind, subject, detail).update();
    }

    public List<AuditEntry> search(String actor, String kind, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor_name = ?");
            params.add(actor);
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            params.add(kind);
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(utc(from));
        }
        if (to != null) {
            sql.append(" AND at < ?");
            params.add(utc(to));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(AuditStore::entry).list();
    }

    public List<AuditEntry> since(Instant since, List<String> kinds) {
        return jdbc.sql("SELECT * FROM audit_log WHERE at >= :since AND kind IN (:kinds) ORDER BY id")
                .param("since", utc(since)).param("kinds", kinds).query(AuditStore::entry).list();
    }

    public List<String> kinds() {
        return jdbc.sql("SELECT DISTINCT kind FROM audit_log ORDER BY kind").query(String.class).list();
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        long actorId = rs.getLong("actor_id");
        Long actor = rs.wasNull() ? null : actorId;
        return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                AuditEntry.ActorKind.valueOf(rs.getString("actor_kind")), actor,
                rs.getString("actor_name"), rs.getString("kind"), rs.getString("subject"), rs.getString("detail"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
