package io.lingqian.wallet;

import java.util.Map;
import java.util.Set;

/**
 * The life of a card charge. SUBMITTED: recorded, sent (or about to be sent) to the bank.
 * PROCESSING: the bank has not given a final answer; the repair job asks again. SPENT: the money
 * paid for its purpose. TO_BALANCE: the bank took the money but its purpose could not be paid any
 * more, so it went to the user's balance. FAILED: the bank did not take the money.
 */
public enum CardChargeStatus {
    SUBMITTED,
    PROCESSING,
    SPENT,
    TO_BALANCE,
    FAILED;

    private static final Map<CardChargeStatus, Set<CardChargeStatus>> NEXT = Map.of(
            SUBMITTED, Set.of(PROCESSING, SPENT, TO_BALANCE, FAILED),
            PROCESSING, Set.of(SPENT, TO_BALANCE, FAILED),
            SPENT, Set.of(),
            TO_BALANCE, Set.of(),
            FAILED, Set.of());

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** The transition, or an error naming the illegal one. */
    public CardChargeStatus next(CardChargeStatus next) {
        if (!NEXT.get(this).contains(next)) {
            throw new IllegalStateException("a " + this + " card charge cannot become " + next);
        }
        return next;
    }
}
