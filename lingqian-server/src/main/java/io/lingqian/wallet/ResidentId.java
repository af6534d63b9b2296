package io.lingqian.wallet;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18-digit resident identity number of mainland China (GB 11643-1999): six digits of region,
 * eight of birth date, three of sequence (odd for men, even for women) and a check character over
 * the first seventeen by ISO 7064 MOD 11-2, where 10 is written X.
 */
public final class ResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private ResidentId() {
    }

    /** Upper-case, without surrounding space: the form stored and compared. */
    public static String normalize(String input) {
        return input == null ? "" : input.strip().toUpperCase();
    }

    /** The ISO 7064 MOD 11-2 check character of the first seventeen digits. */
    public static char checkCharacter(String firstSeventeen) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (firstSeventeen.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Why the number is not a valid resident ID, or empty when it is; {@code today} bounds the birth date. */
    public static Optional<String> problem(String input, LocalDate today) {
        String id = normalize(input);
        if (!id.matches("\\d{17}[\\dX]")) {
            return Optional.of("A resident ID number is 18 characters: 17 digits and a digit or X.");
        }
        if (id.charAt(0) == '0' || id.charAt(0) == '9') {
            return Optional.of("A resident ID number starts with a region code (1 to 8).");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of("The birth date in this ID number (digits 7-14) is not a date.");
        }
        if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
            return Optional.of("The birth date in this ID number (digits 7-14) is out of range.");
        }
        if (checkCharacter(id) != id.charAt(17)) {
            return Optional.of("This ID number is mistyped: its last character does not match (ISO 7064 check).");
        }
        return Optional.empty();
    }

    /** "1101**********4514": the form shown to people. */
    public static String mask(String id) {
        String n = normalize(id);
        return n.substring(0, 4) + "*".repeat(n.length() - 8) + n.substring(n.length() - 4);
    }

    /** "*磊" / "L* Lei": the family name hidden, as wallets show a verified name. */
    public static String maskName(String name) {
        String n = name.strip();
        if (n.codePointCount(0, n.length()) <= 1) {
            return "*";
        }
        int first = n.offsetByCodePoints(0, 1);
        return "*" + n.substring(first);
    }
}
