package io.lingqian.partner;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.merchant.MerchantCategory;

/**
 * A sub-merchant application as the v3 applyment API delivered it, with its sensitive fields already
 * decrypted and every field checked for form (the API layer refuses anything else with the field's
 * name). Never logged: {@link #toString()} names no personal data.
 *
 * @param contactIdNumber   the super administrator's identity card number; null when the
 *                          administrator is the legal person
 * @param idCardValidTo     {@code YYYY-MM-DD} or {@code 长期}
 * @param siteUrl           where the shop sells online; null for a shop that only sells in its store
 * @param subAppids         the appids the provider named for the shop (store, official account, mini
 *                          program, app), checked for form only
 */
public record ApplymentForm(String businessCode, ContactType contactType, String contactName, String contactIdNumber,
                            String mobilePhone, String contactEmail, String subjectType, String merchantName,
                            String licenseNumber, String legalPerson, String idCardName, String idCardNumber,
                            String idCardValidFrom, String idCardValidTo, String shortName, String servicePhone,
                            String siteUrl, String settlementId, MerchantCategory category, PartnerBank bank,
                            String accountName, String accountNumber, List<String> subAppids) {

    /** Who the super administrator is (contact_type 65 / 66 in older documents). */
    public enum ContactType {
        /** The legal person: no account verification is needed (domain-rules.md §6.2). */
        LEGAL,
        /** An agent: the legal person confirms through the sign link first. */
        SUPER
    }

    /**
     * Lingqian's settlement-rule ids (入驻结算规则ID) and the industry each stands for, which sets the
     * fee rate and settlement cycle (domain-rules.md §6.3). WeChat's real ids depend on the subject
     * type; these are the offline industries a provider onboards (docs/service-providers.md).
     */
    public static final Map<String, MerchantCategory> SETTLEMENT_IDS = Map.of(
            "716", MerchantCategory.RETAIL,
            "719", MerchantCategory.CATERING,
            "703", MerchantCategory.SERVICES,
            "725", MerchantCategory.TRANSPORT,
            "727", MerchantCategory.PRIVATE_CLINIC,
            "799", MerchantCategory.ECOMMERCE,
            "903", MerchantCategory.FUEL,
            "904", MerchantCategory.LOGISTICS);

    /** The banks by the names WeChat's account_bank uses (开户银行), and by Lingqian's codes. */
    private static final Map<String, PartnerBank> BANK_NAMES = Map.of(
            "工商银行", PartnerBank.ICBC, "建设银行", PartnerBank.CCB, "农业银行", PartnerBank.ABC,
            "招商银行", PartnerBank.CMB, "中信银行", PartnerBank.CITIC, "广发银行", PartnerBank.CGB,
            "平安银行", PartnerBank.PAB, "民生银行", PartnerBank.CMBC, "宁波银行", PartnerBank.NBCB);

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    public ApplymentForm {
        subAppids = List.copyOf(subAppids);
    }

    /** The bank an account_bank names: WeChat's Chinese bank name or Lingqian's code (ICBC). */
    public static Optional<PartnerBank> bank(String accountBank) {
        if (BANK_NAMES.containsKey(accountBank)) {
            return Optional.of(BANK_NAMES.get(accountBank));
        }
        for (PartnerBank b : PartnerBank.values()) {
            if (b.name().equals(accountBank)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * A mainland resident identity card number (GB 11643-1999): 17 digits of which 7-14 are a real
     * birth date, then the ISO 7064 MOD 11-2 check character (a digit or X).
     */
    public static boolean isIdCardNumber(String number) {
        if (number == null || !number.matches("\\d{17}[0-9X]")) {
            return false;
        }
        try {
            LocalDate.parse(number.substring(6, 10) + "-" + number.substring(10, 12) + "-" + number.substring(12, 14));
        } catch (DateTimeParseException e) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return number.charAt(17) == ID_CHECK.charAt(sum % 11);
    }

    /** Everything, in a fixed order: what the keyed content digest is computed over. */
    String canonical() {
        return String.join("\u001f", businessCode, contactType.name(), contactName, n(contactIdNumber), mobilePhone,
                contactEmail, subjectType, merchantName, licenseNumber, legalPerson, idCardName, idCardNumber,
                idCardValidFrom, idCardValidTo, shortName, servicePhone, n(siteUrl), settlementId, bank.name(),
                accountName, accountNumber, String.join(",", subAppids));
    }

    private static String n(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "ApplymentForm[businessCode=" + businessCode + ", sensitive fields withheld]";
    }
}
