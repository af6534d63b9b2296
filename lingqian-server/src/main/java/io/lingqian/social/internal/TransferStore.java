package io.lingqian.social.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.social.Arrival;
import io.lingqian.social.TransferState;

/** The SQL for {@code social_transfer}. */
@Repository
public class TransferStore {

    public record Row(long id, long senderId, long receiverId, long amountFen, String arrival, String note,
                      boolean passwordFree, String clientRequestId, String state, OffsetDateTime createdAt,
                      OffsetDateTime arrivesAt, OffsetDateTime expiresAt, OffsetDateTime resolvedAt) {

        public TransferState transferState() {
            return TransferState.valueOf(state);
        }

        public Arrival arrivalKind() {
            return Arrival.valueOf(arrival);
        }

        public Instant created() {
            return Sql.instant(createdAt);
        }

        public Instant arrives() {
            return Sql.instant(arrivesAt);
        }

        public Instant expires() {
            return Sql.instant(expiresAt);
        }

        public Instant resolved() {
            return Sql.instant(resolvedAt);
        }
    }

    private static final String SELECT = """
            SELECT id, sender_id, receiver_id, amount_fen, arrival, note, password_free, client_request_id, state,
                   created_at, arrives_at, expires_at, resolved_at FROM social_transfer""";

    private final JdbcClient jdbc;

    TransferStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long senderId, long receiverId, long amountFen, Arrival arrival, String note,
            boolean passwordFree, String clientRequestId, Instant now, Instant arrivesAt, Instant expiresAt) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO social_transfer (sender_id, receiver_id, amount_fen, arrival, note, password_free,
                    client_request_id, state, created_at, arrives_at, expires_at)
                VALUES (:s, :r, :a, :arrival, :note, :pf, :req, 'SENT', :now, :arrives, :expires)""")
                .param("s", senderId).param("r", receiverId).param("a", amountFen).param("arrival", arrival.name())
                .param("note", note).param("pf", passwordFree).param("req", clientRequestId)
                .param("now", Sql.utc(now)).param("arrives", Sql.utc(arrivesAt)).param("expires", Sql.utc(expiresAt))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public Optional<Row> byRequest(long senderId, String clientRequestId) {
        return jdbc.sql(SELECT + " WHERE sender_id = :s AND client_request_id = :r").param("s", senderId)
                .param("r", clientRequestId).query(Row.class).optional();
    }

    public Optional<Row> get(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional();
    }

    public Optional<Row> lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).optional();
    }

    /** Locks a transfer unless another instance's job holds it already. */
    public Optional<Row> lockIfFree(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE SKIP LOCKED").param("id", id).query(Row.class).optional();
    }

    public void resolve(long id, TransferState state, Instant now) {
        jdbc.sql("UPDATE social_transfer SET state = :st, resolved_at = :now WHERE id = :id").param("st", state.name())
                .param("now", Sql.utc(now)).param("id", id).update();
    }

    public List<Row> of(long userId) {
        return jdbc.sql(SELECT + " WHERE sender_id = :u OR receiver_id = :u ORDER BY id DESC").param("u", userId)
                .query(Row.class).list();
    }

    /** Transfers still waiting whose time to accept is over. */
    public List<Long> expiredIds(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM social_transfer WHERE state = 'SENT' AND expires_at <= :now ORDER BY id LIMIT :n")
                .param("now", Sql.utc(now)).param("n", limit).query(Long.class).list();
    }
}
