package io.lingqian.payment;

/**
 * How the payer reaches the order, as {@code trade_type} names it; {@link #path} is the prepay
 * endpoint's last segment ({@code /v3/pay/transactions/{path}}). H5 orders are {@code MWEB}; payment-code
 * orders are {@code MICROPAY} and are never created by a prepay.
 */
public enum TradeType {
    JSAPI("jsapi", "01"),
    NATIVE("native", "02"),
    APP("app", "03"),
    MWEB("h5", "04"),
    /** The payment code (付款码), v2 {@code /pay/micropay}; {@code codepay} is the v3 endpoint's name. */
    MICROPAY("codepay", "05");

    private final String path;
    private final String digits;

    TradeType(String path, String digits) {
        this.path = path;
        this.digits = digits;
    }

    public String path() {
        return path;
    }

    /** Two digits of the transaction id that name the scene. */
    String digits() {
        return digits;
    }

    public static java.util.Optional<TradeType> ofPath(String path) {
        for (TradeType t : values()) {
            if (t.path.equals(path)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
