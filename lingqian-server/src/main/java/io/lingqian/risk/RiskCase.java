package io.lingqian.risk;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A case for staff about one user: opened by a denial, a failed challenge or a freeze, updated by
 * each further one while open. Claims and complaints may refer to it by {@link #id()}.
 */
public record RiskCase(long id, long userId, State state, String decision, String summary, int hits,
                       Instant openedAt, Instant updatedAt, Instant closedAt, String closedBy) {

    /** OPEN → CLEARED (a false alarm) or FRAUD_CONFIRMED; both final. */
    public enum State {
        OPEN, CLEARED, FRAUD_CONFIRMED;

        public Set<State> next() {
            return this == OPEN ? EnumSet.of(CLEARED, FRAUD_CONFIRMED) : EnumSet.noneOf(State.class);
        }
    }

    /** One line of a case's trail. */
    public record Event(String kind, String actor, String detail, Instant at) {
    }

    /** An attempt the engine evaluated, for the case's "recent activity". */
    public record Attempt(String action, long amountFen, Long merchantId, Long payeeUserId, String deviceId,
                          String decision, String fired, String testFired, Instant at) {
    }
}
