package io.lingqian.merchant.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.MerchantCategory;

import static io.lingqian.merchant.ApplicationForm.*;

/**
 * Field-level checks of an application. A draft may leave fields blank, but whatever is filled in
 * must be well-formed; a submission needs every field.
 */
public final class ApplicationValidator {

    /** GB 32100-2015: the 31 characters of a unified social credit code (no I, O, S, V, Z). */
    private static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ACCOUNT_DIGITS = Pattern.compile("\\d{8,30}");
    private static final int SHORT_NAME_MAX = 16;

    private ApplicationValidator() {
    }

    /** Field → message for every malformed (and, when {@code complete}, every missing) field. */
    public static Map<String, String> check(ApplicationForm f, boolean hasStoredAccountNumber, boolean complete) {
        Map<String, String> errors = new LinkedHashMap<>();
        text(errors, LEGAL_NAME, f.legalName(), 128, complete);
        text(errors, SHORT_NAME, f.shortName(), SHORT_NAME_MAX, complete);
        text(errors, CONTACT_NAME, f.contactName(), 64, complete);
        if (present(f.contactPhone(), errors, CONTACT_PHONE, complete)
                && !MOBILE.matcher(f.contactPhone().strip()).matches()) {
            errors.put(CONTACT_PHONE, "An 11-digit mainland mobile number, such as 13800000000.");
        }
        if (present(f.contactEmail(), errors, CONTACT_EMAIL, complete)
                && (f.contactEmail().strip().length() > 254 || !EMAIL.matcher(f.contactEmail().strip()).matches())) {
            errors.put(CONTACT_EMAIL, "Not an email address.");
        }
        if (present(f.category(), errors, CATEGORY, complete) && !isCategory(f.category())) {
            errors.put(CATEGORY, "Choose a category from the list.");
        }
        if (present(f.licenceNumber(), errors, LICENCE_NUMBER, complete)
                && !isUnifiedSocialCreditCode(f.licenceNumber().strip())) {
            errors.put(LICENCE_NUMBER, "The 18-character unified social credit code of the business licence, "
                    + "with a valid check character (GB 32100-2015).");
        }
        text(errors, LEGAL_REPRESENTATIVE, f.legalRepresentative(), 64, complete);
        if (present(f.siteUrl(), errors, SITE_URL, complete) && !isWebAddress(f.siteUrl().strip())) {
            errors.put(SITE_URL, "An http or https address of the shop's site or app page, such as https://shop.example.cn.");
        }
        if (present(f.bankName(), errors, BANK_NAME, complete) && !isBank(f.bankName())) {
            errors.put(BANK_NAME, "Choose a bank from the list.");
        }
        if (text(errors, BANK_ACCOUNT_NAME, f.bankAccountName(), 128, complete)
                && f.legalName() != null && !f.legalName().isBlank()
                && !f.bankAccountName().strip().equals(f.legalName().strip())) {
            errors.put(BANK_ACCOUNT_NAME, "The account holder must be the applicant: the same as the legal name.");
        }
        boolean numberGiven = f.bankAccountNumber() != null && !f.bankAccountNumber().isBlank();
        if (numberGiven && !ACCOUNT_DIGITS.matcher(digits(f.bankAccountNumber())).matches()) {
            errors.put(BANK_ACCOUNT_NUMBER, "8 to 30 digits (spaces are ignored).");
        } else if (!numberGiven && complete && !hasStoredAccountNumber) {
            errors.put(BANK_ACCOUNT_NUMBER, "Required.");
        }
        return errors;
    }

    /** An account number as typed, with the spaces people put between groups of digits removed. */
    public static String digits(String accountNumber) {
        return accountNumber.replace(" ", "").strip();
    }

    /**
     * GB 32100-2015: 18 characters from the code's alphabet, the administrative division (positions
     * 3-8) in digits, and the last character the check character: 31 − (Σ value × weight mod 31),
     * where 31 is written as 0.
     */
    public static boolean isUnifiedSocialCreditCode(String code) {
        if (code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = USCC_CHARSET.indexOf(code.charAt(i));
            if (value < 0 || (i >= 2 && i < 8 && value > 9)) {
                return false;
            }
            sum += value * USCC_WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return code.charAt(17) == USCC_CHARSET.charAt(check);
    }

    static boolean isWebAddress(String value) {
        if (value.length() > 256) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            return (scheme.equals("http") || scheme.equals("https")) && host != null
                    && (host.contains(".") || host.equals("localhost"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isCategory(String value) {
        for (MerchantCategory c : MerchantCategory.values()) {
            if (c.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBank(String value) {
        for (PartnerBank b : PartnerBank.values()) {
            if (b.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Checks a free-text field; true when it is present and within its length. */
    private static boolean text(Map<String, String> errors, String field, String value, int max, boolean complete) {
        if (!present(value, errors, field, complete)) {
            return false;
        }
        if (value.strip().length() > max) {
            errors.put(field, "At most " + max + " characters.");
            return false;
        }
        return true;
    }

    private static boolean present(String value, Map<String, String> errors, String field, boolean complete) {
        if (value == null || value.isBlank()) {
            if (complete) {
                errors.put(field, "Required.");
            }
            return false;
        }
        return true;
    }
}
