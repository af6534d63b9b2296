package io.lingqian.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lingqian.marketing.NewStock;
import io.lingqian.marketing.StockFunding;
import io.lingqian.wallet.Yuan;

/**
 * The coupon-stock form shared by the merchant portal and the admin console: the typed fields, read
 * into a {@link NewStock} with an error per field the person can correct next to it. The service's own
 * rule checks ({@code CouponStocks.create}) still decide; {@link #fieldOf} places their refusal next to
 * the field it is about.
 */
public final class StockForms {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** A stock's window is at most 90 days (domain rules §7.1); the form's end date is inclusive. */
    public static final int MAX_DAYS = 90;

    private StockForms() {
    }

    /**
     * The form as typed. Dates are China days: the window runs from the start of {@code begin} to the
     * end of {@code end}. Empty {@code dailyBudget}: the whole budget may go in one day.
     */
    public record Form(String name, String comment, String amount, String minimum, String count, String dailyBudget,
                       String perUser, String begin, String end, String funding, String goodsTags, String merchants,
                       Boolean stackable) {

        /** A blank form: one coupon per user, valid 30 days from today, funded at payment. */
        public static Form blank(LocalDate today, StockFunding funding) {
            return new Form("", "", "", "", "", "", "1", today.toString(), today.plusDays(29).toString(),
                    funding.name(), "", "", false);
        }

        /** A text field's value by its form name, for templates that draw the fields in a loop. */
        public String value(String field) {
            return switch (field) {
                case "name" -> name;
                case "comment" -> comment;
                case "amount" -> amount;
                case "minimum" -> minimum;
                case "count" -> count;
                case "dailyBudget" -> dailyBudget;
                case "perUser" -> perUser;
                case "begin" -> begin;
                case "end" -> end;
                case "funding" -> funding;
                case "goodsTags" -> goodsTags;
                case "merchants" -> merchants;
                default -> throw new IllegalArgumentException("no field " + field);
            };
        }
    }

    /** The stock to create, or the errors by field name (empty when {@code stock} is present). */
    public record Read(Optional<NewStock> stock, Map<String, String> errors) {
    }

    /** Reads the form; {@code allowed} are the fundings this console may create. */
    public static Read read(Form f, Instant now, List<StockFunding> allowed) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(f.name());
        if (name.isEmpty() || name.length() > 9) {
            errors.put("name", "Give the stock a name of 1 to 9 characters.");
        }
        String comment = text(f.comment());
        if (comment.length() > 20) {
            errors.put("comment", "A note is at most 20 characters.");
        }
        long amount = yuan(f.amount(), "amount", "The coupon's value, in yuan (1.00 to 500.00).", errors);
        if (amount != 0 && (amount < 1_00 || amount > 500_00)) {
            errors.put("amount", "A coupon is worth 1.00 to 500.00 yuan.");
        }
        long minimum = text(f.minimum()).isEmpty() ? 0 : yuan(f.minimum(), "minimum", "The threshold, in yuan.", errors);
        if (minimum != 0 && amount != 0 && minimum <= amount) {
            errors.put("minimum", "The threshold must be above the coupon's value (or empty for none).");
        }
        long count = whole(f.count(), "count", 1, 1_000_000_000L, "How many coupons: 1 to 1,000,000,000.", errors);
        long budget = 0;
        if (amount != 0 && count != 0) {
            budget = amount * count;
        }
        long daily = budget;
        if (!text(f.dailyBudget()).isEmpty()) {
            daily = yuan(f.dailyBudget(), "dailyBudget", "The daily budget, in yuan.", errors);
            if (daily != 0 && budget != 0 && (daily < amount || daily > budget)) {
                errors.put("dailyBudget", "The daily budget must be between one coupon (" + Yuan.format(amount)
                        + ") and the whole budget (" + Yuan.format(budget) + ").");
            }
        }
        int perUser = (int) whole(f.perUser(), "perUser", 1, 60, "Coupons per user: 1 to 60.", errors);
        LocalDate begin = date(f.begin(), "begin", errors);
        LocalDate end = date(f.end(), "end", errors);
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        if (end != null && end.isBefore(today)) {
            errors.put("end", "The last day is in the past.");
        } else if (begin != null && end != null && end.isBefore(begin)) {
            errors.put("end", "The last day comes before the first.");
        } else if (begin != null && end != null && begin.plusDays(MAX_DAYS - 1L).isBefore(end)) {
            errors.put("end", "A stock runs at most " + MAX_DAYS + " days.");
        }
        StockFunding funding = null;
        try {
            funding = StockFunding.valueOf(text(f.funding()));
        } catch (IllegalArgumentException e) {
            // left null: refused below
        }
        if (funding == null || !allowed.contains(funding)) {
            errors.put("funding", "Choose who pays for the coupons.");
        }
        List<String> tags = list(f.goodsTags());
        if (tags.size() > 20 || !tags.stream().allMatch(t -> t.matches("[0-9A-Za-z_\\-]{1,32}"))) {
            errors.put("goodsTags", "At most 20 goods tags of 1 to 32 letters, digits, _ or -, separated by commas.");
        }
        List<String> merchants = list(f.merchants());
        if (merchants.size() > 50 || !merchants.stream().allMatch(m -> m.matches("\\d{8,10}"))) {
            errors.put("merchants", "At most 50 merchant numbers (mchid), separated by commas.");
        }
        if (!errors.isEmpty()) {
            return new Read(Optional.empty(), errors);
        }
        Instant from = begin.atStartOfDay(CHINA).toInstant();
        Instant until = end.plusDays(1).atStartOfDay(CHINA).toInstant();
        return new Read(Optional.of(new NewStock(name, comment.isEmpty() ? null : comment, funding, amount, minimum,
                count, budget, daily, perUser, from, until, tags, merchants, Boolean.TRUE.equals(f.stackable()))), Map.of());
    }

    /** What the form sends, for the creator's idempotency: the same token with other content is refused. */
    public static String fingerprint(Form f) {
        String typed = String.join("|", text(f.name()), text(f.comment()), text(f.amount()), text(f.minimum()),
                text(f.count()), text(f.dailyBudget()), text(f.perUser()), text(f.begin()), text(f.end()),
                text(f.funding()), text(f.goodsTags()), text(f.merchants()), Boolean.toString(Boolean.TRUE.equals(f.stackable())));
        try {
            // The store keeps 64 characters: the SHA-256 of what was typed, in hex.
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(typed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The form field a {@code CouponStocks} rule refusal is about, or {@code "form"}. */
    public static String fieldOf(String message) {
        String[][] prefixes = {
            {"stock_name", "name"}, {"comment", "comment"}, {"coupon_amount", "amount"},
            {"transaction_minimum", "minimum"}, {"max_coupons_per_user", "perUser"}, {"max_coupons", "count"},
            {"max_amount_by_day", "dailyBudget"}, {"max_amount", "count"}, {"available_begin_time is more", "begin"},
            {"available_begin_time and", "begin"}, {"available_begin_time must", "end"}, {"available_end_time", "end"},
            {"a stock's window", "end"}, {"goods_tag", "goodsTags"}, {"available_merchants", "merchants"},
            {"a platform stock must name", "merchants"}, {"funding", "funding"}};
        String m = message == null ? "" : message;
        return Arrays.stream(prefixes).filter(p -> m.startsWith(p[0])).map(p -> p[1]).findFirst().orElse("form");
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    private static List<String> list(String s) {
        return Arrays.stream(text(s).split("[,\\s]+")).filter(t -> !t.isEmpty()).toList();
    }

    private static long yuan(String s, String field, String message, Map<String, String> errors) {
        Optional<Long> fen = Yuan.parse(text(s));
        if (fen.isEmpty() || fen.get() <= 0) {
            errors.put(field, message);
            return 0;
        }
        return fen.get();
    }

    private static long whole(String s, String field, long min, long max, String message, Map<String, String> errors) {
        try {
            long n = Long.parseLong(text(s));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        errors.put(field, message);
        return 0;
    }

    private static LocalDate date(String s, String field, Map<String, String> errors) {
        try {
            return LocalDate.parse(text(s));
        } catch (DateTimeParseException e) {
            errors.put(field, "A date (yyyy-mm-dd).");
            return null;
        }
    }
}
