package io.lingqian.risk.internal;

import static io.lingqian.risk.internal.RiskStore.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code risk_freeze}, {@code risk_unfreeze_request}, {@code risk_verification} and
 * {@code risk_identity_attempt} (V800).
 */
@Repository
public class FreezeStore {

    public record FreezeRow(long id, long userId, String state, String source, String reason, String actor,
                            OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime liftedAt,
                            String liftedBy) {
    }

    public record UnfreezeRow(long id, long userId, long freezeId, String verificationId, String state,
                              OffsetDateTime createdAt, OffsetDateTime decidedAt, String decidedBy, String note) {
    }

    public record VerificationRow(String id, String purpose, long userId, String fingerprint, String codeHash,
                                  int attempts, String state, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                                  OffsetDateTime confirmedAt, OffsetDateTime usedAt) {
    }

    private static final String FREEZE = """
            SELECT id, user_id, state, source, reason, actor, created_at, expires_at, lifted_at, lifted_by
            FROM risk_freeze""";

    private final JdbcClient jdbc;

    FreezeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // freezes

    public Optional<FreezeRow> active(long userId) {
        return jdbc.sql(FREEZE + " WHERE active_user_id = ?").param(userId).query(FreezeRow.class).optional();
    }

    public Optional<FreezeRow> lockActive(long userId) {
        return jdbc.sql(FREEZE + " WHERE active_user_id = ? FOR UPDATE").param(userId).query(FreezeRow.class)
                .optional();
    }

    public Optional<FreezeRow> freeze(long id) {
        return jdbc.sql(FREEZE + " WHERE id = ?").param(id).query(FreezeRow.class).optional();
    }

    public long insertFreeze(long userId, String source, String reason, String actor, Instant now, Instant expires) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO risk_freeze (user_id, active_user_id, state, source, reason, actor, created_at, expires_at)
                VALUES (:u, :u, 'ACTIVE', :src, :reason, :actor, :now, :exp)""")
                .param("u", userId).param("src", source).param("reason", reason).param("actor", actor)
                .param("now", utc(now)).param("exp", utc(expires)).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public void endFreeze(long id, String state, String by, Instant now) {
        jdbc.sql("""
                UPDATE risk_freeze SET state = ?, active_user_id = NULL, lifted_at = ?, lifted_by = ?
                WHERE id = ? AND state = 'ACTIVE'""").params(state, utc(now), by, id).update();
    }

    public List<FreezeRow> expiredActive(Instant now, int limit) {
        return jdbc.sql(FREEZE + " WHERE state = 'ACTIVE' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY id LIMIT "
                + limit).param(utc(now)).query(FreezeRow.class).list();
    }

    public List<FreezeRow> freezesOf(long userId) {
        return jdbc.sql(FREEZE + " WHERE user_id = ? ORDER BY id DESC").param(userId).query(FreezeRow.class).list();
    }

    // unfreeze requests

    public long insertUnfreeze(long userId, long freezeId, String verificationId, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO risk_unfreeze_request (user_id, freeze_id, verification_id, state, created_at)
                VALUES (:u, :f, :v, 'VERIFYING', :now)""")
                .param("u", userId).param("f", freezeId).param("v", verificationId).param("now", utc(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public Optional<UnfreezeRow> lockUnfreeze(long id) {
        return jdbc.sql("SELECT * FROM risk_unfreeze_request WHERE id = ? FOR UPDATE").param(id)
                .query(UnfreezeRow.class).optional();
    }

    public Optional<UnfreezeRow> unfreezeByVerification(String verificationId) {
        return jdbc.sql("SELECT * FROM risk_unfreeze_request WHERE verification_id = ?").param(verificationId)
                .query(UnfreezeRow.class).optional();
    }

    public void unfreezeState(long id, String state, String by, String note, Instant now) {
        jdbc.sql("UPDATE risk_unfreeze_request SET state = ?, decided_by = ?, note = ?, decided_at = ? WHERE id = ?")
                .params(state, by, note, by == null ? null : utc(now), id).update();
    }

    public List<UnfreezeRow> unfreezeRequests(String state, Long userId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM risk_unfreeze_request WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state);
        }
        if (userId != null) {
            sql.append(" AND user_id = ?");
            params.add(userId);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(UnfreezeRow.class).list();
    }

    // SMS verifications

    public void insertVerification(String id, String purpose, long userId, String fingerprint, String codeHash,
            Instant now, Instant expires) {
        jdbc.sql("""
                INSERT INTO risk_verification (id, purpose, user_id, fingerprint, code_hash, attempts, state, created_at,
                    expires_at) VALUES (?, ?, ?, ?, ?, 0, 'PENDING', ?, ?)""")
                .params(id, purpose, userId, fingerprint, codeHash, utc(now), utc(expires)).update();
    }

    public Optional<VerificationRow> lockVerification(String id) {
        return jdbc.sql("SELECT * FROM risk_verification WHERE id = ? FOR UPDATE").param(id)
                .query(VerificationRow.class).optional();
    }

    public void verificationAttempt(String id, int attempts, String state, Instant now) {
        jdbc.sql("""
                UPDATE risk_verification SET attempts = ?, state = ?,
                    confirmed_at = CASE WHEN ? = 'CONFIRMED' THEN ? ELSE confirmed_at END WHERE id = ?""")
                .params(attempts, state, state, utc(now), id).update();
    }

    /** A confirmed, unused challenge for exactly this attempt, locked. */
    public Optional<VerificationRow> lockConfirmedChallenge(long userId, String fingerprint, Instant now) {
        return jdbc.sql("""
                SELECT * FROM risk_verification WHERE user_id = ? AND purpose = 'CHALLENGE' AND state = 'CONFIRMED'
                AND fingerprint = ? AND expires_at > ? ORDER BY created_at LIMIT 1 FOR UPDATE""")
                .params(userId, fingerprint, utc(now)).query(VerificationRow.class).optional();
    }

    public void useVerification(String id, Instant now) {
        jdbc.sql("UPDATE risk_verification SET state = 'USED', used_at = ? WHERE id = ?").params(utc(now), id).update();
    }

    // identity attempts

    public void identityAttempt(String mobile, boolean succeeded, Instant at) {
        jdbc.sql("INSERT INTO risk_identity_attempt (mobile, succeeded, at) VALUES (?, ?, ?)")
                .params(mobile, succeeded, utc(at)).update();
    }

    public long failedIdentityAttempts(String mobile, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM risk_identity_attempt WHERE mobile = ? AND succeeded = FALSE AND at >= ?")
                .params(mobile, utc(since)).query(Long.class).single();
    }
}
