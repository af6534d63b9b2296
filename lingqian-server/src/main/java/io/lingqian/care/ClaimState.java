package io.lingqian.care;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A compensation claim's state. A claim is SUBMITTED by the user, INVESTIGATING once staff take it
 * up, then APPROVED (and at once PAID, in the same transaction) or REJECTED with a reason. Anything
 * not in the table is refused.
 */
public enum ClaimState {
    SUBMITTED,
    INVESTIGATING,
    APPROVED,
    REJECTED,
    PAID;

    private static final Map<ClaimState, Set<ClaimState>> NEXT = Map.of(
            SUBMITTED, EnumSet.of(INVESTIGATING),
            INVESTIGATING, EnumSet.of(APPROVED, REJECTED),
            APPROVED, EnumSet.of(PAID),
            REJECTED, EnumSet.noneOf(ClaimState.class),
            PAID, EnumSet.noneOf(ClaimState.class));

    public boolean canBecome(ClaimState next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the claim still holds its bills: a bill may be in one live claim at a time. */
    public boolean isLive() {
        return this != REJECTED;
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
