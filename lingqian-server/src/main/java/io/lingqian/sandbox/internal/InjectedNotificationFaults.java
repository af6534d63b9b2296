package io.lingqian.sandbox.internal;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.lingqian.notification.NotificationEvent;
import io.lingqian.notification.NotificationFaults;
import io.lingqian.sandbox.Sandbox;
import io.lingqian.sandbox.SandboxSettings;

/**
 * The merchant's notification faults, for merchants with the sandbox on; everyone else's
 * notifications are due at once and sent once.
 *
 * <p>Out of order: time is cut into windows of the merchant's reorder window (counted from the epoch,
 * so every instance cuts it alike). A notification due inside a window is sent after the window
 * closes, as far after its end as it came after the window's start: the last one of a window goes
 * first, the first one last. A merchant that receives TRANSACTION.SUCCESS and then REFUND.SUCCESS of
 * one order within a window gets them the other way round.
 */
@Component
class InjectedNotificationFaults implements NotificationFaults {

    private final Sandbox sandbox;

    InjectedNotificationFaults(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public Instant firstAttemptAt(long merchantId, NotificationEvent event, Instant now) {
        SandboxSettings settings = sandbox.settings(merchantId);
        if (!settings.enabled()) {
            return now;
        }
        Instant due = now.plus(settings.notifyDelay());
        long window = settings.reorderWindow().toMillis();
        if (window == 0) {
            return due;
        }
        long at = due.toEpochMilli();
        long windowEnd = Math.floorDiv(at, window) * window + window;
        return Instant.ofEpochMilli(windowEnd).plus(Duration.ofMillis(windowEnd - at));
    }

    @Override
    public int duplicatesAfterDelivery(long merchantId) {
        SandboxSettings settings = sandbox.settings(merchantId);
        return settings.enabled() ? settings.notifyDuplicates() : 0;
    }
}
