package io.lingqian.risk.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Table {@code risk_amount_hold} (V841). */
@Repository
public class HoldStore {

    public record Row(long id, String requestKey, long userId, long amountFen, String state, String reason,
                      String actor, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime endedAt,
                      String endedBy) {
    }

    private final JdbcClient jdbc;

    HoldStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String requestKey, long userId, long amountFen, String reason, String actor, Instant now,
            Instant expiresAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO risk_amount_hold (request_key, user_id, amount_fen, state, reason, actor, created_at,
                    expires_at)
                VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?, ?)""")
                .params(requestKey, userId, amountFen, reason, actor, utc(now), utc(expiresAt)).update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<Row> byRequestKey(String requestKey) {
        return jdbc.sql("SELECT * FROM risk_amount_hold WHERE request_key = ?").param(requestKey).query(Row.class)
                .optional();
    }

    public Optional<Row> get(long id) {
        return jdbc.sql("SELECT * FROM risk_amount_hold WHERE id = ?").param(id).query(Row.class).optional();
    }

    public Optional<Row> lock(long id) {
        return jdbc.sql("SELECT * FROM risk_amount_hold WHERE id = ? FOR UPDATE").param(id).query(Row.class)
                .optional();
    }

    public void end(long id, String state, String by, Instant now) {
        jdbc.sql("UPDATE risk_amount_hold SET state = ?, ended_at = ?, ended_by = ? WHERE id = ?")
                .params(state, utc(now), by, id).update();
    }

    public List<Row> ofUser(long userId) {
        return jdbc.sql("SELECT * FROM risk_amount_hold WHERE user_id = ? ORDER BY id DESC LIMIT 50").param(userId)
                .query(Row.class).list();
    }

    public List<Long> expiredActive(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM risk_amount_hold WHERE state = 'ACTIVE' AND expires_at IS NOT NULL AND expires_at <= ?
                ORDER BY id LIMIT ?""").params(utc(now), limit).query(Long.class).list();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
