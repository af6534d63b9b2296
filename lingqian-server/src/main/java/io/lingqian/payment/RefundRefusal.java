package io.lingqian.payment;

/**
 * A refund the rules refuse; nothing was changed. The API layer answers each {@link Reason} with
 * WeChat Pay's status and code, the portal with the message (docs/payments.md, "Refunds").
 */
public final class RefundRefusal extends RuntimeException {

    public enum Reason {
        /** No such paid order, or no such refund, of this merchant. */
        NOT_FOUND,
        /**
         * A rule of refunds is broken: more than is left to refund, the 51st refund, past the refund
         * window, a total that is not the order's, an out_refund_no used with other content, or a
         * refund that is not in a state the call applies to.
         */
        INVALID,
        /** The merchant's settlement balance does not cover the refund. */
        MERCHANT_BALANCE_SHORT,
        /** The payer's account is closed and can take no refund. */
        PAYER_ACCOUNT_CLOSED,
        /**
         * Lingqian's funds at the card's bank cannot pay the card back right now; nothing was
         * recorded, so the same request may be sent again later (WeChat's SYSTEM_ERROR).
         */
        BANK_CHANNEL_UNAVAILABLE
    }

    private final Reason reason;

    public RefundRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
