package io.lingqian.care;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A complaint's {@code complaint_state} (reference §7, domain rules §8): PENDING (待处理) until the
 * merchant's first reply, PROCESSING (处理中) after it, PROCESSED (处理完成) once the merchant
 * completes it, rejects the refund it asks for, or the order is refunded (by the merchant, or by the
 * platform on escalation). A refund settles a complaint whatever its state before.
 */
public enum ComplaintState {
    PENDING,
    PROCESSING,
    PROCESSED;

    private static final Map<ComplaintState, Set<ComplaintState>> NEXT = Map.of(
            PENDING, EnumSet.of(PROCESSING, PROCESSED),
            PROCESSING, EnumSet.of(PROCESSED),
            PROCESSED, EnumSet.noneOf(ComplaintState.class));

    public boolean canBecome(ComplaintState next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isOpen() {
        return this != PROCESSED;
    }
}
