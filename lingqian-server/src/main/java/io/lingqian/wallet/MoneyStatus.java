package io.lingqian.wallet;

import java.util.Map;
import java.util.Set;

/**
 * The life of a top-up or withdrawal. SUBMITTED: recorded, sent (or about to be sent) to the bank.
 * PROCESSING: the bank has not given a final answer (it is working on it, or it timed out); the
 * repair job asks it again. SUCCEEDED and FAILED are final.
 */
public enum MoneyStatus {
    SUBMITTED,
    PROCESSING,
    SUCCEEDED,
    FAILED;

    private static final Map<MoneyStatus, Set<MoneyStatus>> NEXT = Map.of(
            SUBMITTED, Set.of(PROCESSING, SUCCEEDED, FAILED),
            PROCESSING, Set.of(SUCCEEDED, FAILED),
            SUCCEEDED, Set.of(),
            FAILED, Set.of());

    public boolean canBecome(MoneyStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** The transition, or an error naming the illegal one. */
    public MoneyStatus next(MoneyStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("a " + this + " operation cannot become " + next);
        }
        return next;
    }
}
