package io.lingqian.payment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An order's {@code trade_state} as WeChat Pay documents it (reference §3.3), with the transitions
 * of §9.4. {@code USERPAYING}, {@code PAYERROR} and {@code REVOKED} belong to payment-code orders;
 * {@code REFUND} is reached when a refund is started. Anything not in the table is refused by
 * {@link #next}.
 */
public enum TradeState {
    NOTPAY("未支付"),
    USERPAYING("用户支付中（付款码支付）"),
    SUCCESS("支付成功"),
    CLOSED("已关闭"),
    REVOKED("已撤销（付款码支付）"),
    PAYERROR("支付失败"),
    REFUND("转入退款");

    private static final Map<TradeState, Set<TradeState>> NEXT = Map.of(
            NOTPAY, EnumSet.of(USERPAYING, SUCCESS, CLOSED, REVOKED),
            USERPAYING, EnumSet.of(SUCCESS, PAYERROR, REVOKED, CLOSED),
            SUCCESS, EnumSet.of(REFUND, REVOKED),
            CLOSED, EnumSet.noneOf(TradeState.class),
            REVOKED, EnumSet.noneOf(TradeState.class),
            PAYERROR, EnumSet.noneOf(TradeState.class),
            REFUND, EnumSet.noneOf(TradeState.class));

    private final String description;

    TradeState(String description) {
        this.description = description;
    }

    /** {@code trade_state_desc}: WeChat Pay's own wording. */
    public String description() {
        return description;
    }

    public boolean canBecome(TradeState next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether money has reached the merchant (and may be refunded). */
    public boolean isPaid() {
        return this == SUCCESS || this == REFUND;
    }

    /** The transition, or an {@link IllegalStateException} naming the illegal one. */
    public TradeState next(TradeState next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("an order in " + this + " cannot become " + next);
        }
        return next;
    }
}
