package io.lingqian.reconciliation;

import java.util.Map;
import java.util.Set;

/**
 * A reconciliation item's life: OPEN until staff correct it (RESOLVED) or the platform settles it
 * from the bank's answer, or a later run no longer finds it (AUTO_RESOLVED). Both ends are final.
 */
public enum ItemState {
    OPEN, RESOLVED, AUTO_RESOLVED;

    private static final Map<ItemState, Set<ItemState>> NEXT = Map.of(
            OPEN, Set.of(RESOLVED, AUTO_RESOLVED),
            RESOLVED, Set.of(),
            AUTO_RESOLVED, Set.of());

    /** The target state, if this one may move to it. */
    public ItemState next(ItemState target) {
        if (!NEXT.get(this).contains(target)) {
            throw new IllegalStateException("a reconciliation item cannot go from " + this + " to " + target);
        }
        return target;
    }
}
