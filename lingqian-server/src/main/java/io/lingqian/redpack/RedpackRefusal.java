package io.lingqian.redpack;

/**
 * A send, query or open refused; nothing moved. {@link #errCode()} is WeChat's {@code err_code} for the
 * merchant API; the wallet maps its own codes ({@link Reason}).
 */
public final class RedpackRefusal extends RuntimeException {

    /** Why, with WeChat's err_code for the red-packet API. */
    public enum Reason {
        /** Amount outside the per-packet (or per-share) bounds. */
        MONEY_LIMIT,
        /** A malformed or inconsistent field. */
        PARAM_ERROR,
        /** The merchant's settlement balance does not cover the packet. */
        NOTENOUGH,
        /** The user already received the configured number of this merchant's packets today. */
        SENDNUM_LIMIT,
        /** The user already received the configured amount from this merchant today. */
        RCVDAMOUNT_LIMIT,
        /** The merchant already sent the configured amount today. */
        SENDAMOUNT_LIMIT,
        /** Too many packets from this merchant in the last minute. */
        FREQ_LIMIT,
        /** The same mch_billno with different content. */
        FATAL_ERROR,
        /** The openid is not one of the wxappid's. */
        OPENID_ERROR,
        /** A mobile app's appid (red packets go through official accounts and mini programs). */
        ILLEGAL_APPID,
        /** Refused by risk control. */
        NO_AUTH,
        /** No such packet (gethbinfo), or not one this user may see (wallet). */
        NOT_FOUND,
        /** Wallet: every share is taken. */
        ALL_TAKEN,
        /** Wallet: the packet expired; its money went or goes back to the merchant. */
        EXPIRED
    }

    private final Reason reason;

    public RedpackRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String errCode() {
        return reason.name();
    }
}
