package io.lingqian.care;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.care.internal.TicketStore;

/**
 * General support tickets (docs/care.md): a wallet user opens one with a subject and text; staff work
 * the queue, due first first, reply and close; staff owe the first answer within
 * {@link CareProperties#ticketFirstAnswerWithin()}, and a ticket past that without one is overdue by
 * the injected clock. Users reach only their own tickets.
 */
@Service
public class Tickets {

    public static final int MAX_SUBJECT = 120;
    public static final int MAX_TEXT = 2000;
    private static final int MAX_LISTED = 200;

    private final TicketStore store;
    private final CareProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Tickets(TicketStore store, CareProperties settings, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** @throws io.lingqian.platform.ApiProblemException {@code validation_failed} */
    public Ticket open(long userId, String subject, String text) {
        String title = subject == null ? "" : subject.strip();
        if (title.isEmpty() || title.length() > MAX_SUBJECT) {
            throw CareProblems.invalid("validation_failed", "The subject is 1 to " + MAX_SUBJECT + " characters.");
        }
        String body = text(text);
        long id = transaction.execute(status -> {
            Instant now = clock.instant();
            long created = store.insert(userId, title, now.plus(settings.ticketFirstAnswerWithin()), now);
            store.message(created, "user:" + userId, body, now);
            return created;
        });
        return store.byId(id).orElseThrow();
    }

    public List<Ticket> ofUser(long userId) {
        return store.ofUser(userId, MAX_LISTED);
    }

    /** The user's ticket; another user's is not found. */
    public Ticket ofUser(long userId, long ticketId) {
        return store.byId(ticketId).filter(t -> t.userId() == userId).orElseThrow(() -> CareProblems.notFound("ticket"));
    }

    public List<Ticket.Message> messages(Ticket ticket) {
        return store.messages(ticket.id());
    }

    /** The user writes again: an answered ticket waits for staff once more. */
    public Ticket userReply(long userId, long ticketId, String text) {
        String body = text(text);
        ofUser(userId, ticketId);
        return step(ticketId, "user:" + userId, body, TicketState.OPEN);
    }

    /** Tickets waiting for staff (due first first), or all tickets (newest first). */
    public List<Ticket> queue(boolean waitingOnly) {
        return store.queue(waitingOnly, MAX_LISTED);
    }

    public Optional<Ticket> ticket(long ticketId) {
        return store.byId(ticketId);
    }

    /** Staff reply: the first reply meets (or misses) the SLA; the ticket is ANSWERED. */
    public Ticket reply(long ticketId, String text, String actor) {
        String body = text(text);
        requireExists(ticketId);
        return step(ticketId, actor, body, TicketState.ANSWERED);
    }

    /** Closes the ticket; it takes no more messages. */
    public Ticket close(long ticketId, String actor) {
        requireExists(ticketId);
        return transaction.execute(status -> {
            Ticket t = store.lock(ticketId);
            requireTransition(t, TicketState.CLOSED);
            Instant now = clock.instant();
            store.state(ticketId, t.state(), TicketState.CLOSED);
            store.closed(ticketId, actor, now);
            return store.byId(ticketId).orElseThrow();
        });
    }

    /** Whether the ticket's first answer is late now. */
    public boolean overdue(Ticket ticket) {
        return ticket.overdueAt(clock.instant());
    }

    private Ticket step(long ticketId, String author, String body, TicketState to) {
        return transaction.execute(status -> {
            Ticket t = store.lock(ticketId);
            if (t.state() != to) {
                requireTransition(t, to);
                store.state(ticketId, t.state(), to);
            }
            Instant now = clock.instant();
            store.message(ticketId, author, body, now);
            if (to == TicketState.ANSWERED) {
                store.firstAnswered(ticketId, now);
            }
            return store.byId(ticketId).orElseThrow();
        });
    }

    private void requireExists(long ticketId) {
        if (store.byId(ticketId).isEmpty()) {
            throw CareProblems.notFound("ticket");
        }
    }

    private static void requireTransition(Ticket t, TicketState to) {
        if (!t.state().canBecome(to)) {
            throw CareProblems.conflict("illegal_transition", "Ticket " + t.id() + " is " + t.state()
                    + " and cannot become " + to + ".");
        }
    }

    private static String text(String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > MAX_TEXT) {
            throw CareProblems.invalid("validation_failed", "Write 1 to " + MAX_TEXT + " characters.");
        }
        return body;
    }
}
