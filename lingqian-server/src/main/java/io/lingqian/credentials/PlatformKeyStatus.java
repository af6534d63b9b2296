package io.lingqian.credentials;

import java.time.Instant;
import java.util.Optional;

/** A platform key as staff manage it: its ids, validity and state, including retired and expired keys. */
public record PlatformKeyStatus(String serialNo, String publicKeyId, Instant notBefore, Instant notAfter,
                                Instant createdAt, Optional<Instant> retiredAt, State state) {

    public enum State {
        /** Active, and responses are signed with it when the caller names no key. */
        PREFERRED,
        /** Active: still accepted and usable for signing during a rotation. */
        ACTIVE,
        /** Retired by staff: no longer used. */
        RETIRED,
        /** Past its validity. */
        EXPIRED
    }
}
