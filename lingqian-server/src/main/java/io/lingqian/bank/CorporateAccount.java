package io.lingqian.bank;

import java.util.Optional;

import io.lingqian.accounting.PartnerBank;

/**
 * A company's account at a partner bank (对公账户), where merchants are paid. Unlike a card it has no
 * BIN or check digit: 8 to 30 digits that only the bank itself can confirm, by an account-name
 * enquiry. Never logged: {@link #toString()} shows the last four digits only.
 *
 * @param number     digits; spaces are ignored
 * @param holderName the company's legal name as the bank must have it
 */
public record CorporateAccount(PartnerBank bank, String number, String holderName) {

    /** Digits only, spaces removed. */
    public String digits() {
        return number == null ? "" : number.replace(" ", "");
    }

    public String lastFour() {
        String d = digits();
        return d.substring(Math.max(0, d.length() - 4));
    }

    /** Why the bank would not even look the account up, or empty when it is well formed. */
    public Optional<String> problem() {
        if (bank == null) {
            return Optional.of("The bank is not a partner bank.");
        }
        if (!digits().matches("\\d{8,30}")) {
            return Optional.of("An account number is 8 to 30 digits.");
        }
        if (holderName == null || holderName.isBlank()) {
            return Optional.of("The account holder is missing.");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "CorporateAccount[" + bank + " " + CardNumbers.mask(lastFour()) + "]";
    }
}
