package io.lingqian.care.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.care.CareEvent;
import io.lingqian.care.Claim;
import io.lingqian.care.ClaimState;

/** The SQL for {@code care_claim}, {@code care_claim_bill} and {@code care_claim_event}. */
@Repository
public class ClaimStore {

    private record Row(long id, long userId, String description, long claimedFen, Long approvedFen, String state,
                       String decisionReason, OffsetDateTime createdAt, OffsetDateTime decidedAt,
                       OffsetDateTime paidAt) {
    }

    private static final String SELECT = """
            SELECT id, user_id, description, claimed_fen, approved_fen, state, decision_reason, created_at,
                   decided_at, paid_at FROM care_claim""";

    private final JdbcClient jdbc;

    ClaimStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long userId, String description, long claimedFen, List<Claim.ClaimedBill> bills, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO care_claim (user_id, description, claimed_fen, state, created_at)
                VALUES (:user, :description, :claimed, 'SUBMITTED', :now)""")
                .param("user", userId).param("description", description).param("claimed", claimedFen)
                .param("now", Sql.utc(now)).update(key, "id");
        long id = key.getKey().longValue();
        for (Claim.ClaimedBill b : bills) {
            jdbc.sql("INSERT INTO care_claim_bill (claim_id, reference, amount_fen) VALUES (:c, :r, :a)")
                    .param("c", id).param("r", b.reference()).param("a", b.amountFen()).update();
        }
        return id;
    }

    public Optional<Claim> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional().map(this::toClaim);
    }

    /** The claim under a row lock until the transaction ends. */
    public Claim lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).optional()
                .map(this::toClaim).orElseThrow();
    }

    /**
     * Locks the user's claims as a whole until the transaction ends, so that decisions on them (which
     * share the yearly cap) and new claims (which must not reuse a bill) happen one after another.
     */
    public void lockUser(long userId) {
        jdbc.sql("INSERT INTO care_claim_user (user_id) VALUES (:u) ON CONFLICT DO NOTHING").param("u", userId)
                .update();
        jdbc.sql("SELECT user_id FROM care_claim_user WHERE user_id = :u FOR UPDATE").param("u", userId)
                .query(Long.class).single();
    }

    public List<Claim> ofUser(long userId, int limit) {
        return jdbc.sql(SELECT + " WHERE user_id = :u ORDER BY created_at DESC, id DESC LIMIT :limit")
                .param("u", userId).param("limit", limit).query(Row.class).list().stream().map(this::toClaim).toList();
    }

    /** Claims in one of the states, oldest first: the staff queue. */
    public List<Claim> inStates(List<ClaimState> states, int limit) {
        return jdbc.sql(SELECT + " WHERE state IN (:states) ORDER BY created_at, id LIMIT :limit")
                .param("states", states.stream().map(Enum::name).toList()).param("limit", limit)
                .query(Row.class).list().stream().map(this::toClaim).toList();
    }

    /** Which of these bills are named by a live (not rejected) claim. */
    public List<String> referencesInLiveClaims(List<String> references) {
        return jdbc.sql("""
                SELECT b.reference FROM care_claim_bill b JOIN care_claim c ON c.id = b.claim_id
                WHERE b.reference IN (:refs) AND c.state <> 'REJECTED'""")
                .param("refs", references).query(String.class).list();
    }

    /** What the user's claims decided between {@code from} (inclusive) and {@code to} (exclusive) approved. */
    public long approvedBetween(long userId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(approved_fen), 0) FROM care_claim
                WHERE user_id = :u AND state IN ('APPROVED', 'PAID') AND decided_at >= :from AND decided_at < :to""")
                .param("u", userId).param("from", Sql.utc(from)).param("to", Sql.utc(to)).query(Long.class).single();
    }

    public void transition(long id, ClaimState from, ClaimState to, String actor, String note, Instant now) {
        int updated = jdbc.sql("UPDATE care_claim SET state = :to WHERE id = :id AND state = :from")
                .param("to", to.name()).param("id", id).param("from", from.name()).update();
        if (updated != 1) {
            throw new IllegalStateException("claim " + id + " was not " + from);
        }
        event(id, actor, from, to, note, now);
    }

    public void decide(long id, Long approvedFen, String reason, Instant now) {
        jdbc.sql("UPDATE care_claim SET approved_fen = :a, decision_reason = :r, decided_at = :now WHERE id = :id")
                .param("a", approvedFen).param("r", reason).param("now", Sql.utc(now)).param("id", id).update();
    }

    public void paid(long id, Instant now) {
        jdbc.sql("UPDATE care_claim SET paid_at = :now WHERE id = :id").param("now", Sql.utc(now)).param("id", id)
                .update();
    }

    public void event(long id, String actor, ClaimState from, ClaimState to, String note, Instant now) {
        jdbc.sql("""
                INSERT INTO care_claim_event (claim_id, actor, from_state, to_state, note, at)
                VALUES (:c, :actor, :from, :to, :note, :now)""")
                .param("c", id).param("actor", actor).param("from", from == null ? null : from.name())
                .param("to", to.name()).param("note", note).param("now", Sql.utc(now)).update();
    }

    public List<CareEvent> events(long id) {
        return jdbc.sql("SELECT id, actor, from_state, to_state, note, at FROM care_claim_event WHERE claim_id = :c ORDER BY id")
                .param("c", id).query((rs, n) -> new CareEvent(rs.getLong("id"), rs.getString("actor"),
                        rs.getString("from_state"), rs.getString("to_state"), rs.getString("note"),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private Claim toClaim(Row r) {
        List<Claim.ClaimedBill> bills = jdbc.sql(
                        "SELECT reference, amount_fen FROM care_claim_bill WHERE claim_id = :c ORDER BY reference")
                .param("c", r.id()).query(Claim.ClaimedBill.class).list();
        return new Claim(r.id(), r.userId(), r.description(), r.claimedFen(), r.approvedFen(),
                ClaimState.valueOf(r.state()), r.decisionReason(), Sql.instant(r.createdAt()),
                Sql.instant(r.decidedAt()), Sql.instant(r.paidAt()), bills);
    }
}
