package io.lingqian.payout;

/**
 * A payout or batch refused as a whole, before anything was recorded or moved. The API layer answers
 * it in its protocol's code. The same reasons, when they refuse one detail of a batch, become that
 * detail's {@code fail_reason} ({@link Reason#failReason()}).
 */
public class PayoutRefusal extends RuntimeException {

    public enum Reason {
        /** The merchant's settlement balance does not cover it. */
        NOT_ENOUGH(null),
        /** Below the minimum amount. */
        AMOUNT_LIMIT(null),
        /** The merchant's daily payout amount would be passed. */
        MERCHANT_DAILY_LIMIT(null),
        /** What the merchant paid this user today would pass the daily amount. */
        USER_DAILY_AMOUNT(FailReason.DAY_RECEIVED_QUOTA_EXCEED),
        /** The merchant paid this user the most payouts a day already. */
        USER_DAILY_COUNT(FailReason.DAY_RECEIVED_COUNT_EXCEED),
        /** The user has not verified a real name. */
        NOT_REAL_NAME(FailReason.REAL_NAME_CHECK_FAIL),
        /** The name the merchant gave is not the user's verified name. */
        NAME_MISMATCH(FailReason.NAME_NOT_CORRECT),
        /** The openid is not one of the app's users. */
        OPENID_INVALID(FailReason.OPENID_INVALID),
        /** The user's wallet is frozen. */
        ACCOUNT_FROZEN(FailReason.ACCOUNT_FROZEN),
        /** The risk controls refused it. */
        RISK(FailReason.TRANSFER_RISK),
        /** The merchant's number was used before for a request with other content. */
        NUMBER_USED(null),
        /** The batch is not well-formed (counts, sums, duplicate detail numbers). */
        INVALID_BATCH(null);

        private final FailReason failReason;

        Reason(FailReason failReason) {
            this.failReason = failReason;
        }

        /** The detail's {@code fail_reason} when this refuses one detail of a batch; null if it refuses batches whole. */
        public FailReason failReason() {
            return failReason;
        }
    }

    /** WeChat's {@code fail_reason} values that Lingqian gives a failed detail. */
    public enum FailReason {
        DAY_RECEIVED_QUOTA_EXCEED, DAY_RECEIVED_COUNT_EXCEED, REAL_NAME_CHECK_FAIL, NAME_NOT_CORRECT, OPENID_INVALID,
        ACCOUNT_FROZEN, TRANSFER_RISK
    }

    private final Reason reason;

    public PayoutRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
