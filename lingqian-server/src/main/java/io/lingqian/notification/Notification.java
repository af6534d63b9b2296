package io.lingqian.notification;

import java.time.Instant;

/**
 * A notification as the merchant portal lists it.
 *
 * @param notificationId the envelope's {@code id}, the same in every attempt
 * @param subject        what it is about, e.g. the {@code out_trade_no}
 * @param nextAttemptAt  when the job will try again; null once delivered or given up
 */
public record Notification(long id, String notificationId, long merchantId, String notifyUrl, NotificationEvent event,
                           String subject, NotificationStatus status, int roundAttempts, Instant nextAttemptAt,
                           Instant createdAt, Instant deliveredAt) {
}
