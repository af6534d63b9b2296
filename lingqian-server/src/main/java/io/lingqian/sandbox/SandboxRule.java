package io.lingqian.sandbox;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A forced outcome for the merchant's next payment or refund ({@code pattern} null: used up by the
 * first one), or for every one whose {@code out_trade_no} / {@code out_refund_no} matches
 * {@code pattern} until it is deleted. In a pattern {@code *} stands for any run of characters and
 * {@code ?} for one.
 */
public record SandboxRule(long id, long merchantId, Target target, String pattern, Outcome outcome, Instant createdAt) {

    /** What a pattern may hold: the characters of an out_trade_no / out_refund_no, and the wildcards. */
    public static final Pattern PATTERN_SYNTAX = Pattern.compile("[0-9A-Za-z_\\-|*@?]{1,64}");

    public enum Target {
        PAYMENT, REFUND
    }

    /** What the rule forces, and on which kind of object. */
    public enum Outcome {
        /** The order waits as if a payer were entering the password (trade_state USERPAYING). */
        USERPAYING(Target.PAYMENT),
        /** The payment fails (trade_state PAYERROR); no money moves. */
        PAYERROR(Target.PAYMENT),
        /** The sandbox's test payer pays the order at once (TRANSACTION.SUCCESS follows). */
        SUCCESS(Target.PAYMENT),
        /** The refund stays PROCESSING until it is released. */
        PROCESSING(Target.REFUND),
        /** The refund becomes ABNORMAL at once (REFUND.ABNORMAL follows). */
        ABNORMAL(Target.REFUND);

        private final Target target;

        Outcome(Target target) {
            this.target = target;
        }

        public Target target() {
            return target;
        }
    }

    /** Whether the rule is used up by the first payment or refund it applies to. */
    public boolean once() {
        return pattern == null;
    }

    public boolean matches(String number) {
        return once() || globToRegex(pattern).matcher(number).matches();
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString());
    }
}
