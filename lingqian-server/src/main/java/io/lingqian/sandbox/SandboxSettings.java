package io.lingqian.sandbox;

import java.time.Duration;

/**
 * A merchant's sandbox switch and notification faults.
 *
 * @param notifyDuplicates how many more times each delivered notification is sent at once (0–3)
 * @param notifyDelay      how long after the change it reports a notification is first sent (0–24 h)
 * @param reorderWindow    notifications are gathered in windows of this length and each window's are
 *                         sent after it closes, newest first (zero: in order)
 */
public record SandboxSettings(long merchantId, boolean enabled, int notifyDuplicates, Duration notifyDelay,
                              Duration reorderWindow) {

    public static final int MAX_DUPLICATES = 3;
    public static final Duration MAX_DELAY = Duration.ofHours(24);
    public static final Duration MAX_REORDER_WINDOW = Duration.ofHours(1);

    static SandboxSettings off(long merchantId) {
        return new SandboxSettings(merchantId, false, 0, Duration.ZERO, Duration.ZERO);
    }
}
