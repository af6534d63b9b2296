package io.lingqian.wallet;

import java.math.BigDecimal;
import java.util.Optional;

/** Amounts as people type and read them, such as {@code 1,000.00}, against fen as the code counts them. */
public final class Yuan {

    private Yuan() {
    }

    /** {@code 1,234.05} for 123405 fen; a minus sign for negative amounts. */
    public static String format(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return sign + String.format("%,d.%02d", abs / 100, abs % 100);
    }

    /** Fen of a typed amount with at most two decimals ({@code 100}, {@code 0.1}, {@code 1,000.50}); empty if it is not one. */
    public static Optional<Long> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = typed.strip().replace(",", "");
        if (!s.matches("\\d{1,12}(\\.\\d{1,2})?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(s).movePointRight(2).longValueExact());
    }
}
