package io.lingqian.wallet;

import java.time.Instant;

/**
 * A user's payment security as shown in the console.
 *
 * @param lockedUntil   while the payment password is locked, until when; null otherwise
 * @param boundDeviceId the device payments are accepted from while the hardware lock is on
 */
public record SecuritySettings(boolean passwordSet, int attemptsLeft, Instant lockedUntil, boolean passwordFree,
                               long passwordFreeLimitFen, boolean hardwareLock, String boundDeviceId) {

    /** Whether the hardware lock is on and {@code deviceId} is not the bound device. */
    public boolean unboundDevice(String deviceId) {
        return hardwareLock && (deviceId == null || !deviceId.equals(boundDeviceId));
    }
}
