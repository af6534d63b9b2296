package io.lingqian.marketing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An instant-discount rule's state machine: {@code ACTIVE ⇄ PAUSED → STOPPED}. Only an ACTIVE rule
 * discounts payments; STOPPED is final (a pre-funded rule's budget left over goes back to its funder).
 */
public enum DiscountStatus {
    ACTIVE,
    PAUSED,
    STOPPED;

    private static final Map<DiscountStatus, Set<DiscountStatus>> NEXT = Map.of(
            ACTIVE, EnumSet.of(PAUSED, STOPPED),
            PAUSED, EnumSet.of(ACTIVE, STOPPED),
            STOPPED, EnumSet.noneOf(DiscountStatus.class));

    public boolean canBecome(DiscountStatus next) {
        return NEXT.get(this).contains(next);
    }
}
