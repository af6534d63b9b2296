package io.lingqian.care.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.care.Ticket;
import io.lingqian.care.TicketState;

/** The SQL for {@code care_ticket} and {@code care_ticket_message}. */
@Repository
public class TicketStore {

    private record Row(long id, long userId, String subject, String state, OffsetDateTime createdAt,
                       OffsetDateTime firstAnswerDueAt, OffsetDateTime firstAnsweredAt, OffsetDateTime closedAt,
                       String closedBy) {

        Ticket toTicket() {
            return new Ticket(id, userId, subject, TicketState.valueOf(state), Sql.instant(createdAt),
                    Sql.instant(firstAnswerDueAt), Sql.instant(firstAnsweredAt), Sql.instant(closedAt), closedBy);
        }
    }

    private static final String SELECT = """
            SELECT id, user_id, subject, state, created_at, first_answer_due_at, first_answered_at, closed_at,
                   closed_by FROM care_ticket
            """;

    private final JdbcClient jdbc;

    TicketStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long userId, String subject, Instant due, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO care_ticket (user_id, subject, state, created_at, first_answer_due_at)
                VALUES (:u, :s, 'OPEN', :now, :due)""")
                .param("u", userId).param("s", subject).param("now", Sql.utc(now)).param("due", Sql.utc(due))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<Ticket> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional().map(Row::toTicket);
    }

    public Ticket lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).single().toTicket();
    }

    public List<Ticket> ofUser(long userId, int limit) {
        return jdbc.sql(SELECT + " WHERE user_id = :u ORDER BY created_at DESC, id DESC LIMIT :l").param("u", userId)
                .param("l", limit).query(Row.class).list().stream().map(Row::toTicket).toList();
    }

    /** The staff queue: tickets waiting for staff, the one due first first; or every ticket, newest first. */
    public List<Ticket> queue(boolean waitingOnly, int limit) {
        String sql = waitingOnly ? SELECT + " WHERE state = 'OPEN' ORDER BY first_answer_due_at, id LIMIT :l"
                : SELECT + " ORDER BY created_at DESC, id DESC LIMIT :l";
        return jdbc.sql(sql).param("l", limit).query(Row.class).list().stream().map(Row::toTicket).toList();
    }

    public void state(long id, TicketState from, TicketState to) {
        int updated = jdbc.sql("UPDATE care_ticket SET state = :to WHERE id = :id AND state = :from")
                .param("to", to.name()).param("id", id).param("from", from.name()).update();
        if (updated != 1) {
            throw new IllegalStateException("ticket " + id + " was not " + from);
        }
    }

    public void firstAnswered(long id, Instant now) {
        jdbc.sql("UPDATE care_ticket SET first_answered_at = :now WHERE id = :id AND first_answered_at IS NULL")
                .param("now", Sql.utc(now)).param("id", id).update();
    }

    public void closed(long id, String actor, Instant now) {
        jdbc.sql("UPDATE care_ticket SET closed_at = :now, closed_by = :a WHERE id = :id")
                .param("now", Sql.utc(now)).param("a", actor).param("id", id).update();
    }

    public void message(long ticketId, String author, String text, Instant now) {
        jdbc.sql("INSERT INTO care_ticket_message (ticket_id, author, text, at) VALUES (:t, :a, :x, :now)")
                .param("t", ticketId).param("a", author).param("x", text).param("now", Sql.utc(now)).update();
    }

    public List<Ticket.Message> messages(long ticketId) {
        return jdbc.sql("SELECT id, author, text, at FROM care_ticket_message WHERE ticket_id = :t ORDER BY id")
                .param("t", ticketId).query((rs, n) -> new Ticket.Message(rs.getLong("id"), rs.getString("author"),
                        rs.getString("text"), rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
