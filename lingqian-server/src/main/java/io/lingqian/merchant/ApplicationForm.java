package io.lingqian.merchant;

import java.util.List;

/**
 * What a merchant types into the application, as typed (blank fields allowed in a draft). The
 * constants are the field names used for errors and for the reviewer's reasons.
 *
 * @param bankAccountNumber blank keeps the number already stored (it is never shown again in full)
 */
public record ApplicationForm(String legalName, String shortName, String contactName, String contactPhone,
                              String contactEmail, String category, String licenceNumber,
                              String legalRepresentative, String siteUrl, String bankName, String bankAccountName,
                              String bankAccountNumber) {

    public static final String LEGAL_NAME = "legalName";
    public static final String SHORT_NAME = "shortName";
    public static final String CONTACT_NAME = "contactName";
    public static final String CONTACT_PHONE = "contactPhone";
    public static final String CONTACT_EMAIL = "contactEmail";
    public static final String CATEGORY = "category";
    public static final String LICENCE_NUMBER = "licenceNumber";
    public static final String LEGAL_REPRESENTATIVE = "legalRepresentative";
    public static final String SITE_URL = "siteUrl";
    public static final String BANK_NAME = "bankName";
    public static final String BANK_ACCOUNT_NAME = "bankAccountName";
    public static final String BANK_ACCOUNT_NUMBER = "bankAccountNumber";

    /** Every field, in the order of the form: basic, business, then financial information. */
    public static final List<String> FIELDS = List.of(LEGAL_NAME, SHORT_NAME, CONTACT_NAME, CONTACT_PHONE,
            CONTACT_EMAIL, CATEGORY, LICENCE_NUMBER, LEGAL_REPRESENTATIVE, SITE_URL, BANK_NAME, BANK_ACCOUNT_NAME,
            BANK_ACCOUNT_NUMBER);

    public static ApplicationForm empty() {
        return new ApplicationForm(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
