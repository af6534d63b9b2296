package io.lingqian.wallet;

import java.time.Instant;

/** A device the user has signed in from; {@code bound} when the hardware lock holds payments to it. */
public record Device(String deviceId, String name, Instant firstSeenAt, Instant lastSeenAt, boolean bound) {
}
