package io.lingqian.care;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A support ticket's state: OPEN while it waits for staff, ANSWERED once staff replied (a further
 * message from the user opens it again), CLOSED by staff or the user. Anything not in the table is
 * refused.
 */
public enum TicketState {
    OPEN,
    ANSWERED,
    CLOSED;

    private static final Map<TicketState, Set<TicketState>> NEXT = Map.of(
            OPEN, EnumSet.of(ANSWERED, CLOSED),
            ANSWERED, EnumSet.of(OPEN, CLOSED),
            CLOSED, EnumSet.noneOf(TicketState.class));

    public boolean canBecome(TicketState next) {
        return NEXT.get(this).contains(next);
    }
}
