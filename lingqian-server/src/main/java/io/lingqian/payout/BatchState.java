package io.lingqian.payout;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A transfer batch's {@code batch_status}: ACCEPTED when recorded, PROCESSING while its details are
 * paid, FINISHED when every detail is SUCCESS or FAIL. Lingqian processes a batch as it accepts it, so
 * WeChat's WAIT_PAY (waiting for the merchant to fund it) and CLOSED (never funded) do not occur: a
 * batch the merchant cannot fund is refused NOT_ENOUGH instead.
 */
public enum BatchState {
    ACCEPTED, PROCESSING, FINISHED;

    private static final Map<BatchState, Set<BatchState>> NEXT = Map.of(
            ACCEPTED, EnumSet.of(PROCESSING),
            PROCESSING, EnumSet.of(FINISHED),
            FINISHED, EnumSet.noneOf(BatchState.class));

    /** The next state, or an {@link IllegalStateException} naming the illegal transition. */
    public BatchState to(BatchState next) {
        if (!NEXT.get(this).contains(next)) {
            throw new IllegalStateException("a transfer batch cannot go from " + this + " to " + next);
        }
        return next;
    }
}
