package io.lingqian.payment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A refund's {@code status} as WeChat Pay documents it (reference §3.5, §9.4). Every refund starts
 * PROCESSING; SUCCESS and CLOSED are final; ABNORMAL (the original card is gone) goes back to
 * PROCESSING when the merchant re-applies it to another account. Anything not in the table is
 * refused by {@link #next}.
 */
public enum RefundStatus {
    PROCESSING("退款处理中"),
    SUCCESS("退款成功"),
    ABNORMAL("退款异常"),
    CLOSED("退款关闭");

    private static final Map<RefundStatus, Set<RefundStatus>> NEXT = Map.of(
            PROCESSING, EnumSet.of(SUCCESS, ABNORMAL, CLOSED),
            ABNORMAL, EnumSet.of(PROCESSING),
            SUCCESS, EnumSet.noneOf(RefundStatus.class),
            CLOSED, EnumSet.noneOf(RefundStatus.class));

    private final String description;

    RefundStatus(String description) {
        this.description = description;
    }

    /** WeChat Pay's own wording, for people. */
    public String description() {
        return description;
    }

    public boolean canBecome(RefundStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The transition, or an {@link IllegalStateException} naming the illegal one. */
    public RefundStatus next(RefundStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("a refund in " + this + " cannot become " + next);
        }
        return next;
    }

    /** Whether the merchant is told about entering this status (REFUND.SUCCESS, .ABNORMAL, .CLOSED). */
    public boolean isNotified() {
        return this != PROCESSING;
    }
}
