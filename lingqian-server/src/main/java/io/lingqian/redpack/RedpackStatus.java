package io.lingqian.redpack;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A red packet's status, named as {@code gethbinfo} reports it. Sending and returning are each one
 * database transaction here, so the passing states WeChat reports while its systems work
 * ({@code SENDING}, {@code RFUND_ING}) and {@code FAILED} (a send refused after it was accepted) are
 * part of the table but never stored: a refused send stores nothing and moves nothing.
 */
public enum RedpackStatus {
    /** Accepted, money not yet in escrow. */
    SENDING,
    /** In escrow, waiting for the user to open it (a group packet: some shares still unopened). */
    SENT,
    /** Opened: every share went to a wallet. */
    RECEIVED,
    /** The send failed; nothing moved. */
    FAILED,
    /** Expired, being returned to the merchant. */
    RFUND_ING,
    /** Expired; the unopened amount went back to the merchant. */
    REFUND;

    private static final Map<RedpackStatus, Set<RedpackStatus>> NEXT = Map.of(
            SENDING, EnumSet.of(SENT, FAILED),
            SENT, EnumSet.of(RECEIVED, RFUND_ING, REFUND),
            RFUND_ING, EnumSet.of(REFUND),
            RECEIVED, EnumSet.noneOf(RedpackStatus.class),
            FAILED, EnumSet.noneOf(RedpackStatus.class),
            REFUND, EnumSet.noneOf(RedpackStatus.class));

    /** The next status, or {@link IllegalStateException} for a transition the table does not allow. */
    public RedpackStatus next(RedpackStatus to) {
        if (!NEXT.get(this).contains(to)) {
            throw new IllegalStateException("a red packet cannot go from " + this + " to " + to);
        }
        return to;
    }
}
