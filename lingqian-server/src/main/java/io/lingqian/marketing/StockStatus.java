package io.lingqian.marketing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A coupon stock's state machine (reference §9.4): {@code CREATED → ACTIVE ⇄ PAUSED → STOPPED}, and
 * any of them {@code → EXPIRED} when the redemption window ends. Coupons are sent only while ACTIVE;
 * coupons already sent stay usable while PAUSED or STOPPED until the window ends.
 */
public enum StockStatus {
    CREATED("unactivated"),
    ACTIVE("running"),
    PAUSED("paused"),
    STOPPED("stoped"),
    EXPIRED("stoped");

    private static final Map<StockStatus, Set<StockStatus>> NEXT = Map.of(
            CREATED, EnumSet.of(ACTIVE, EXPIRED),
            ACTIVE, EnumSet.of(PAUSED, STOPPED, EXPIRED),
            PAUSED, EnumSet.of(ACTIVE, STOPPED, EXPIRED),
            STOPPED, EnumSet.of(EXPIRED),
            EXPIRED, EnumSet.noneOf(StockStatus.class));

    private final String wechatName;

    StockStatus(String wechatName) {
        this.wechatName = wechatName;
    }

    /** WeChat Pay's spelling of the status ({@code unactivated}, {@code running}, {@code paused}, {@code stoped}). */
    public String wechatName() {
        return wechatName;
    }

    public boolean canBecome(StockStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The next state, or an {@link IllegalStateException} naming the illegal move. */
    public StockStatus next(StockStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("a coupon stock cannot go from " + this + " to " + next);
        }
        return next;
    }
}
