package io.lingqian.stats;

/**
 * Where money moved, for the dashboard's split. A merchant payment's scene is its order's
 * {@code trade_type}; the others follow from the transfer code.
 */
public enum Scene {
    NATIVE("Native"),
    JSAPI("JSAPI"),
    APP("APP"),
    MWEB("H5"),
    MICROPAY("Payment code"),
    TRANSFER("Transfer"),
    RED_PACKET("Red packet"),
    WITHDRAWAL("Withdrawal"),
    TOPUP("Top-up"),
    /** Staff corrections (code ADJUSTMENT): kept apart so every fen of the journal is accounted for. */
    ADJUSTMENT("Correction");

    private final String label;

    Scene(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this is a merchant payment scene (has a merchant and a category). */
    public boolean merchantPayment() {
        return ordinal() <= MICROPAY.ordinal();
    }

    /** The scene of an order's trade type. */
    public static Scene ofTradeType(String tradeType) {
        return valueOf(tradeType);
    }
}
