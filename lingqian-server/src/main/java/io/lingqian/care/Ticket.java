package io.lingqian.care;

import java.time.Instant;

/**
 * A support ticket.
 *
 * @param firstAnswerDueAt when staff owe the first answer (the SLA)
 * @param firstAnsweredAt  when staff first answered; null until then
 */
public record Ticket(long id, long userId, String subject, TicketState state, Instant createdAt,
                     Instant firstAnswerDueAt, Instant firstAnsweredAt, Instant closedAt, String closedBy) {

    /** Whether the first answer is late at {@code now}: none yet, and the due time has passed. */
    public boolean overdueAt(Instant now) {
        return firstAnsweredAt == null && state != TicketState.CLOSED && now.isAfter(firstAnswerDueAt);
    }

    /** A message of the conversation; {@code author} is {@code user:<id>} or {@code staff:<username>}. */
    public record Message(long id, String author, String text, Instant at) {

        public boolean fromStaff() {
            return author.startsWith("staff:");
        }
    }
}
