package io.lingqian.risk;

import java.time.Instant;

/**
 * A freeze of a wallet: while ACTIVE the wallet cannot pay, transfer, send red packets or withdraw,
 * but still receives money. It ends LIFTED (after re-verification and staff approval) or EXPIRED.
 */
public record Freeze(long id, long userId, State state, Source source, String reason, String actor,
                     Instant createdAt, Instant expiresAt, Instant liftedAt, String liftedBy) {

    public enum State {
        ACTIVE, LIFTED, EXPIRED
    }

    /** Who set it: the user signed in, the user through the emergency freeze, staff, or a rule. */
    public enum Source {
        USER, EMERGENCY, STAFF, RULE
    }
}
