package io.lingqian.bill;

/** Why there is no bill to download; nothing was stored. */
public final class BillRefusal extends RuntimeException {

    public enum Reason {
        /** The day is in the future or older than bills are kept. */
        DATE_OUT_OF_RANGE,
        /** The day is not over yet (China Standard Time). */
        STATEMENT_CREATING,
        /** Nothing happened that day for this bill (or the merchant has no such account). */
        NO_STATEMENT_EXIST
    }

    private final Reason reason;

    public BillRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
