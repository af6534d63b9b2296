package io.lingqian.merchant;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A day's settlement of one merchant, as data.
 *
 * <pre>
 * NOTHING_DUE (final)
 * IN_TRANSIT → PAID | FAILED | UNKNOWN;  UNKNOWN → PAID | FAILED | UNKNOWN;  FAILED → IN_TRANSIT (retry)
 * </pre>
 *
 * A hold on the merchant's account covers the money while IN_TRANSIT or UNKNOWN; PAID posts it to
 * the bank, FAILED releases it back to the merchant.
 */
public enum SettlementState {
    NOTHING_DUE,
    IN_TRANSIT,
    UNKNOWN,
    PAID,
    FAILED;

    private static final Map<SettlementState, Set<SettlementState>> NEXT = Map.of(
            NOTHING_DUE, EnumSet.noneOf(SettlementState.class),
            IN_TRANSIT, EnumSet.of(PAID, FAILED, UNKNOWN),
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
