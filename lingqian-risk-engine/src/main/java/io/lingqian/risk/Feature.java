package io.lingqian.risk;

import java.util.List;
import java.util.Optional;

/**
 * A number the rules can test, by name. Booleans are 1 or 0; amounts are fen; rates are percent.
 * {@link #NAMES} lists every name the language knows; velocity features follow the pattern
 * {@code <subject>.<count|amount>.<1m|1h|1d>} and include the attempt being evaluated.
 */
public record Feature(String name, Kind kind, Subject subject, Window window) {

    /** What is measured. */
    public enum Kind {
        AMOUNT, PASSWORD_FREE, COUNT, SUM, PASSWORD_FAILURES, SECURITY_CHANGE_MINUTES, PAYEE_NEW, HISTORY_COUNT,
        HISTORY_P95, AMOUNT_P95_RATIO, BLACKLISTED, DEVICE_AGE_HOURS, ACCOUNT_AGE_HOURS, MERCHANT_PAYMENTS,
        MERCHANT_REFUND_RATE, MERCHANT_COMPLAINT_RATE, ACCOUNT_CLASS, LIMIT_CLASS_LEFT, LIMIT_DAILY_LEFT
    }

    /** Whose counters: the payer, their device, the card, the merchant, or the counterparty (merchant or user). */
    public enum Subject {
        USER("user"), DEVICE("device"), CARD("card"), MERCHANT("merchant"), PAYEE("payee");

        final String label;

        Subject(String label) {
            this.label = label;
        }
    }

    /** Sliding windows, rounded to buckets of 5 s, 1 min and 1 h. */
    public enum Window {
        MINUTE("1m"), HOUR("1h"), DAY("1d");

        final String label;

        Window(String label) {
            this.label = label;
        }
    }

    /** Every feature name with its meaning, for the docs and the admin console's rule editor. */
    public static final List<String> NAMES = List.of(
            "amount — the attempt's amount in fen",
            "password.free — 1 if paid without the payment password",
            "<user|device|card|merchant|payee>.<count|amount>.<1m|1h|1d> — velocity, this attempt included",
            "password.failures.1h — wrong payment passwords in the last hour",
            "security.change.minutes — minutes since the payment password or the trusted device last changed",
            "payee.new — 1 if the user never paid this merchant or user before (in the retained history)",
            "history.count — how many of the user's earlier amounts are retained (at most 50)",
            "history.p95 — the 95th percentile of those amounts, in fen",
            "amount.p95.ratio — amount ÷ history.p95 (0 without history)",
            "blacklist.<user|device|card|merchant|payee> — 1 if on the blacklist",
            "device.age.hours — hours since the user first used this device (0 if never)",
            "account.age.hours — hours since the wallet was opened",
            "merchant.payments — payments the merchant took (in the summary)",
            "merchant.refund.rate / merchant.complaint.rate — refunds or complaints per 100 payments",
            "account.class — 0 (unverified) to 3 (Class III)",
            "limit.class.left / limit.daily.left — fen the account-class and daily limits still allow");

    /** The feature of this name, if the language knows it. */
    public static Optional<Feature> named(String name) {
        Kind simple = switch (name) {
            case "amount" -> Kind.AMOUNT;
            case "password.free" -> Kind.PASSWORD_FREE;
            case "password.failures.1h" -> Kind.PASSWORD_FAILURES;
            case "security.change.minutes" -> Kind.SECURITY_CHANGE_MINUTES;
            case "payee.new" -> Kind.PAYEE_NEW;
            case "history.count" -> Kind.HISTORY_COUNT;
            case "history.p95" -> Kind.HISTORY_P95;
            case "amount.p95.ratio" -> Kind.AMOUNT_P95_RATIO;
            case "device.age.hours" -> Kind.DEVICE_AGE_HOURS;
            case "account.age.hours" -> Kind.ACCOUNT_AGE_HOURS;
            case "merchant.payments" -> Kind.MERCHANT_PAYMENTS;
            case "merchant.refund.rate" -> Kind.MERCHANT_REFUND_RATE;
            case "merchant.complaint.rate" -> Kind.MERCHANT_COMPLAINT_RATE;
            case "account.class" -> Kind.ACCOUNT_CLASS;
            case "limit.class.left" -> Kind.LIMIT_CLASS_LEFT;
            case "limit.daily.left" -> Kind.LIMIT_DAILY_LEFT;
            default -> null;
        };
        if (simple != null) {
            return Optional.of(new Feature(name, simple, null, null));
        }
        String[] parts = name.split("\\.");
        if (parts.length == 2 && parts[0].equals("blacklist")) {
            return subject(parts[1]).map(s -> new Feature(name, Kind.BLACKLISTED, s, null));
        }
        if (parts.length == 3 && (parts[1].equals("count") || parts[1].equals("amount"))) {
            Optional<Subject> subject = subject(parts[0]);
            Optional<Window> window = window(parts[2]);
            if (subject.isPresent() && window.isPresent()) {
                return Optional.of(new Feature(name, parts[1].equals("count") ? Kind.COUNT : Kind.SUM, subject.get(),
                        window.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Subject> subject(String label) {
        for (Subject s : Subject.values()) {
            if (s.label.equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static Optional<Window> window(String label) {
        for (Window w : Window.values()) {
            if (w.label.equals(label)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
