package io.lingqian.payout;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One payout's life (a batch's {@code detail_status}; a v2 payment is answered only once it is final).
 * INIT when recorded; PROCESSING once its checks passed; SUCCESS when its ledger transfer is made;
 * FAIL (with a {@code fail_reason}) when a check refused it, before any money moved.
 */
public enum PayoutState {
    INIT, PROCESSING, SUCCESS, FAIL;

    private static final Map<PayoutState, Set<PayoutState>> NEXT = Map.of(
            INIT, EnumSet.of(PROCESSING, FAIL),
            PROCESSING, EnumSet.of(SUCCESS),
            SUCCESS, EnumSet.noneOf(PayoutState.class),
            FAIL, EnumSet.noneOf(PayoutState.class));

    /** The next state, or an {@link IllegalStateException} naming the illegal transition. */
    public PayoutState to(PayoutState next) {
        if (!NEXT.get(this).contains(next)) {
            throw new IllegalStateException("a payout cannot go from " + this + " to " + next);
        }
        return next;
    }
}
