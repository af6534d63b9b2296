package io.lingqian.notification;

import java.time.Instant;

/**
 * Faults the sandbox injects into a merchant's notifications (docs/sandbox.md): a first attempt later
 * than at once (delayed, or out of order), and copies sent right after a delivered attempt
 * (duplicates, with the same envelope {@code id} as WeChat's repeats). With no bean, notifications
 * are due at once and sent until delivered, once.
 */
public interface NotificationFaults {

    /** When the first attempt of a notification recorded {@code now} is due. */
    Instant firstAttemptAt(long merchantId, NotificationEvent event, Instant now);

    /** How many more times a just-delivered notification of the merchant is sent at once (0 for none). */
    int duplicatesAfterDelivery(long merchantId);
}
