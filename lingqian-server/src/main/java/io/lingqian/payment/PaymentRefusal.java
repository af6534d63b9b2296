package io.lingqian.payment;

/**
 * A merchant-side request the payment rules refuse; nothing was changed. The API layer answers each
 * {@link Reason} with WeChat Pay's status and code (docs/payments.md).
 */
public final class PaymentRefusal extends RuntimeException {

    public enum Reason {
        /** The appid is unknown or belongs to another merchant. */
        APPID_MCHID_NOT_MATCH,
        /** The JSAPI payer's openid was never issued for this appid. */
        OPENID_MISMATCH,
        /** The out_trade_no was used before with other content. */
        OUT_TRADE_NO_USED,
        /** The order is paid. */
        ORDER_PAID,
        /** The order is closed (by the merchant or by its expiry) or otherwise final. */
        ORDER_CLOSED,
        /** No such order of this merchant. */
        ORDER_NOT_EXIST,
        /** Above the single-payment cap of the merchant's settlement rule. */
        RULE_LIMIT
    }

    private final Reason reason;

    public PaymentRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
