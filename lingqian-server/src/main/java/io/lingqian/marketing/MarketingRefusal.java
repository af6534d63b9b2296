package io.lingqian.marketing;

/** A marketing request refused; nothing changed. The API layer maps the reason to its protocol's codes. */
public class MarketingRefusal extends RuntimeException {

    public enum Reason {
        /** A field is missing or out of its range. */
        INVALID,
        /** No such stock or coupon of the caller. */
        NOT_FOUND,
        /** The same out_request_no with other content. */
        REQUEST_REUSED,
        /** The stock's state does not allow the call (send from a paused stock, start twice, …). */
        WRONG_STATE,
        /** The stock's total budget or coupon count is used up. */
        BUDGET_EXHAUSTED,
        /** Today's budget of the stock is used up. */
        DAILY_BUDGET_EXHAUSTED,
        /** The user holds as many coupons of the stock as one user may. */
        USER_LIMIT,
        /** The funder's account does not cover the budget. */
        NOT_ENOUGH,
        /** The caller may not act on this stock (not its creator). */
        FORBIDDEN
    }

    private final Reason reason;

    public MarketingRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
