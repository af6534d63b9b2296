package io.lingqian.merchant;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A day's settlement of one merchant, as data.
 *
 * <pre>
 * NOTHING_DUE (final)
 * IN_TRANSIT → PAID | FAILED | UNKNOWN | WAITING;  UNKNOWN → PAID | FAILED | UNKNOWN;
 * FAILED → IN_TRANSIT (retry);  WAITING → IN_TRANSIT (the reserve covers it now) | NOTHING_DUE
 * </pre>
 *
 * While IN_TRANSIT or UNKNOWN the money is in SETTLEMENT_IN_TRANSIT, held against the paying bank's
 * reserve; PAID posts the hold, FAILED voids it and returns the money to the merchant. WAITING: the
 * reserve could not cover the payout, so nothing moved and nothing was sent.
 */
public enum SettlementState {
    NOTHING_DUE,
    WAITING,
    IN_TRANSIT,
    UNKNOWN,
    PAID,
    FAILED;

    private static final Map<SettlementState, Set<SettlementState>> NEXT = Map.of(
            NOTHING_DUE, EnumSet.noneOf(SettlementState.class),
            WAITING, EnumSet.of(IN_TRANSIT, NOTHING_DUE),
            IN_TRANSIT, EnumSet.of(PAID, FAILED, UNKNOWN, WAITING),
            UNKNOWN, EnumSet.of(PAID, FAILED, UNKNOWN),
            PAID, EnumSet.noneOf(SettlementState.class),
            FAILED, EnumSet.of(IN_TRANSIT));

    public boolean canMoveTo(SettlementState target) {
        return NEXT.get(this).contains(target);
    }

    /** Whether the money of this settlement has left or may have left the merchant's account. */
    public boolean committed() {
        return this == IN_TRANSIT || this == UNKNOWN || this == PAID;
    }
}
