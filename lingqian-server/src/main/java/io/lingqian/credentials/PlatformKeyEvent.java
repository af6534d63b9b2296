package io.lingqian.credentials;

import java.time.Instant;

/** A member of staff rotated (created {@code serialNo}) or retired a platform key. */
public record PlatformKeyEvent(String serialNo, Action action, long staffId, String staffName, Instant at) {

    public enum Action {
        ROTATED,
        RETIRED
    }
}
