package io.lingqian.notification;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a notification stands. PENDING until the merchant answers 200/204 (DELIVERED) or the retry
 * schedule runs out (GAVE_UP); the merchant's resend puts either back to PENDING for a new round.
 */
public enum NotificationStatus {

    PENDING, DELIVERED, GAVE_UP;

    private Set<NotificationStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(DELIVERED, GAVE_UP);
            case DELIVERED, GAVE_UP -> EnumSet.of(PENDING);
        };
    }

    public boolean canBecome(NotificationStatus to) {
        return next().contains(to);
    }

    /** @throws IllegalStateException when the transition is not in the table */
    public NotificationStatus to(NotificationStatus to) {
        if (!canBecome(to)) {
            throw new IllegalStateException("a notification cannot go from " + this + " to " + to);
        }
        return to;
    }
}
