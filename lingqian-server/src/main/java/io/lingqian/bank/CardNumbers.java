package io.lingqian.bank;

import java.util.List;
import java.util.Optional;

import io.lingqian.accounting.PartnerBank;

/**
 * Card numbers of the partner banks: the BIN table, the Luhn check and masking. The BINs follow the
 * real issuers' public card ranges (19-digit debit cards for most banks, 16-digit for China Merchants
 * Bank, China CITIC Bank and Minsheng, 16-digit credit cards); the simulated bank accepts no others.
 */
public final class CardNumbers {

    private static final List<CardBin> BINS = List.of(
            new CardBin("622202", PartnerBank.ICBC, CardType.DEBIT, 19, "ICBC Peony debit card"),
            new CardBin("625330", PartnerBank.ICBC, CardType.CREDIT, 16, "ICBC Peony credit card"),
            new CardBin("621700", PartnerBank.CCB, CardType.DEBIT, 19, "CCB Long debit card"),
            new CardBin("436742", PartnerBank.CCB, CardType.CREDIT, 16, "CCB Long credit card"),
            new CardBin("622848", PartnerBank.ABC, CardType.DEBIT, 19, "ABC Kinsui debit card"),
            new CardBin("622836", PartnerBank.ABC, CardType.CREDIT, 16, "ABC Kinsui credit card"),
            new CardBin("622588", PartnerBank.CMB, CardType.DEBIT, 16, "CMB All-in-One card"),
            new CardBin("439188", PartnerBank.CMB, CardType.CREDIT, 16, "CMB credit card"),
            new CardBin("622690", PartnerBank.CITIC, CardType.DEBIT, 16, "CITIC debit card"),
            new CardBin("433670", PartnerBank.CITIC, CardType.CREDIT, 16, "CITIC credit card"),
            new CardBin("622568", PartnerBank.CGB, CardType.DEBIT, 19, "CGB debit card"),
            new CardBin("625809", PartnerBank.CGB, CardType.CREDIT, 16, "CGB credit card"),
            new CardBin("623058", PartnerBank.PAB, CardType.DEBIT, 19, "Ping An debit card"),
            new CardBin("625360", PartnerBank.PAB, CardType.CREDIT, 16, "Ping An credit card"),
            new CardBin("622622", PartnerBank.CMBC, CardType.DEBIT, 16, "Minsheng debit card"),
            new CardBin("415599", PartnerBank.CMBC, CardType.CREDIT, 16, "Minsheng credit card"),
            new CardBin("623286", PartnerBank.NBCB, CardType.DEBIT, 19, "Bank of Ningbo debit card"),
            new CardBin("625903", PartnerBank.NBCB, CardType.CREDIT, 16, "Bank of Ningbo credit card"));

    private CardNumbers() {
    }

    public static List<CardBin> bins() {
        return BINS;
    }

    /** The BIN of a partner bank's card, by bank and type. */
    public static CardBin bin(PartnerBank bank, CardType type) {
        return BINS.stream().filter(b -> b.bank() == bank && b.type() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " BIN for " + bank));
    }

    /** Digits only, spaces and dashes removed; anything else makes it no card number. */
    public static String normalize(String input) {
        return input == null ? "" : input.replace(" ", "").replace("-", "");
    }

    /** The Luhn (mod 10) check over all digits, the last being the check digit. */
    public static boolean luhnValid(String digits) {
        if (digits == null || digits.length() < 2 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return luhnSum(digits, false) % 10 == 0;
    }

    /** The check digit that makes {@code payload + digit} pass the Luhn check. */
    public static char luhnCheckDigit(String payload) {
        int sum = luhnSum(payload, true);
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** @param doubleLast whether the last digit of {@code digits} is in a doubled position (true for a payload) */
    private static int luhnSum(String digits, boolean doubleLast) {
        int sum = 0;
        boolean twice = doubleLast;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum;
    }

    /** The BIN row of a well-formed card number (right length, Luhn-valid), if a partner bank issued it. */
    public static Optional<CardBin> lookup(String cardNumber) {
        String digits = normalize(cardNumber);
        if (!luhnValid(digits)) {
            return Optional.empty();
        }
        return BINS.stream().filter(b -> digits.startsWith(b.prefix()) && digits.length() == b.length()).findFirst();
    }

    /**
     * Why a card number is refused, or empty if it is acceptable: wrong characters, failed Luhn check,
     * or a number no partner bank issues.
     */
    public static Optional<String> problem(String cardNumber) {
        String digits = normalize(cardNumber);
        if (digits.length() < 12 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.of("A card number is 12 to 19 digits.");
        }
        if (!luhnValid(digits)) {
            return Optional.of("This card number is mistyped: its check digit does not match (Luhn check).");
        }
        if (lookup(digits).isEmpty()) {
            return Optional.of("This card is not issued by a partner bank (unknown BIN or wrong length).");
        }
        return Optional.empty();
    }

    /** The last four digits, as shown to people. */
    public static String lastFour(String cardNumber) {
        String digits = normalize(cardNumber);
        return digits.substring(Math.max(0, digits.length() - 4));
    }

    /** "•••• 1234": the only form in which a card number is ever shown. */
    public static String mask(String lastFour) {
        return "•••• " + lastFour;
    }
}
