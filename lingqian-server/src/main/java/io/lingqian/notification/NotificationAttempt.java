package io.lingqian.notification;

import java.time.Instant;

/**
 * One delivery attempt.
 *
 * @param httpStatus   the merchant's status; null when there was no answer (see error)
 * @param error        why there was no usable answer (timeout, connection refused, no APIv3 key)
 * @param responseBody the start of the merchant's answer
 * @param delivered    whether it counted as delivered: 200 or 204 within the timeout
 */
public record NotificationAttempt(Instant attemptedAt, Integer httpStatus, String error, String responseBody,
                                  long durationMs, boolean delivered) {
}
