package io.lingqian.payment;

/**
 * A payment-code request refused; the reason is named exactly as WeChat Pay's v2 {@code err_code},
 * so the API layer passes it on unchanged. Nothing moved when it is thrown (the presented code may be
 * spent: WeChat, too, wants a new code with a new {@code out_trade_no}).
 */
public final class PaymentCodeRefusal extends RuntimeException {

    public enum Reason {
        /** Not 18 digits starting 10-15. */
        AUTH_CODE_INVALID,
        /** No such code was ever shown. */
        AUTH_CODE_ERROR,
        /** Expired, used, replaced by a newer one, or shown on a device the user no longer pays from. */
        AUTHCODEEXPIRE,
        /** The balance does not cover the payment. */
        NOTENOUGH,
        /** The payment is refused for another reason (a limit, a frozen balance, an unverified payer …). */
        TRADE_ERROR,
        /** The out_trade_no was used with other content. */
        OUT_TRADE_NO_USED,
        /** The appid is unknown or belongs to another merchant. */
        APPID_MCHID_NOT_MATCH,
        ORDERPAID,
        ORDERCLOSED,
        ORDERREVERSED,
        ORDERNOTEXIST,
        /** Beyond the window in which a paid order may still be reversed. */
        REVERSE_EXPIRE
    }

    private final Reason reason;

    public PaymentCodeRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
