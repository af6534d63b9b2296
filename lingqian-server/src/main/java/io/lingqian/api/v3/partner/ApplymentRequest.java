package io.lingqian.api.v3.partner;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.partner.ApplymentForm;
import io.lingqian.partner.ApplymentForm.ContactType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /v3/applyment4sub/applyment/} (WxJava's {@code WxPayApplyment4SubCreateRequest}),
 * field by field: each missing or malformed field is refused with 400 {@code PARAM_ERROR} naming it,
 * before anything is stored. The sensitive fields (contact name, id numbers, mobile, email, account
 * name and number) arrive encrypted with one of our platform public keys (reference §2.6) and are
 * decrypted with {@code decrypt}; a message never repeats a decrypted value.
 */
final class ApplymentRequest {

    static final Pattern BUSINESS_CODE = Pattern.compile("[0-9A-Za-z_\\-]{1,124}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("\\d{8,30}");
    private static final Pattern SERVICE_PHONE = Pattern.compile("[0-9\\-]{5,20}");
    private static final Pattern AREA_CODE = Pattern.compile("\\d{6}");
    private static final Pattern APPID = Pattern.compile("wx[0-9a-f]{16}");
    private static final Pattern DOMAIN = Pattern.compile("(https?://)?[0-9A-Za-z.\\-]+\\.[A-Za-z]{2,}(/\\S*)?");
    private static final Set<String> SUBJECT_TYPES = Set.of("SUBJECT_TYPE_ENTERPRISE", "SUBJECT_TYPE_INDIVIDUAL");
    private static final Set<String> SCENES = Set.of("SALES_SCENES_STORE", "SALES_SCENES_MP",
            "SALES_SCENES_MINI_PROGRAM", "SALES_SCENES_WEB", "SALES_SCENES_APP", "SALES_SCENES_WEWORK");
    private static final Set<String> ACCOUNT_TYPES = Set.of("BANK_ACCOUNT_TYPE_CORPORATE",
            "BANK_ACCOUNT_TYPE_PERSONAL");
    private static final String ID_CARD = "IDENTIFICATION_TYPE_IDCARD";
    private static final int MEDIA_ID = 512;
    private static final int CIPHERTEXT = 2048;

    private final UnaryOperator<String> decrypt;

    /**
     * @param decrypt base64 ciphertext → plaintext with the platform key the request's Wechatpay-Serial
     *                names; null when it does not decrypt
     */
    private ApplymentRequest(UnaryOperator<String> decrypt) {
        this.decrypt = decrypt;
    }

    static ApplymentForm read(byte[] body, JsonMapper json, UnaryOperator<String> decrypt) {
        return new ApplymentRequest(decrypt).read(JsonFields.parse(body, json).root());
    }

    private ApplymentForm read(JsonFields.Obj o) {
        String businessCode = o.matching("business_code", BUSINESS_CODE, "1 to 124 letters, digits, _ or -", true);

        JsonFields.Obj contact = o.object("contact_info", true);
        String contactTypeText = contact.requiredString("contact_type", 8);
        ContactType contactType = switch (contactTypeText) {
            case "LEGAL", "65" -> ContactType.LEGAL;
            case "SUPER", "66" -> ContactType.SUPER;
            default -> throw V3Error.paramError("contact_info.contact_type must be LEGAL or SUPER");
        };
        String contactName = text(sensitive(contact, "contact_info", "contact_name", true), "contact_info.contact_name", 64);
        String docType = contact.optionalString("contact_id_doc_type", 64);
        if (docType != null && !docType.equals(ID_CARD)) {
            throw V3Error.paramError("contact_info.contact_id_doc_type: only IDENTIFICATION_TYPE_IDCARD is accepted");
        }
        String contactIdNumber = sensitive(contact, "contact_info", "contact_id_number",
                contactType == ContactType.SUPER);
        if (contactIdNumber != null && !ApplymentForm.isIdCardNumber(contactIdNumber)) {
            throw V3Error.paramError("contact_info.contact_id_number is not a valid identity card number "
                    + "(18 characters, a real birth date, the GB 11643 check character)");
        }
        if (contactType == ContactType.SUPER) {
            contact.requiredString("contact_id_doc_copy", MEDIA_ID);
        }
        String mobile = sensitive(contact, "contact_info", "mobile_phone", true);
        if (!MOBILE.matcher(mobile).matches()) {
            throw V3Error.paramError("contact_info.mobile_phone must be an 11-digit mainland mobile number");
        }
        String email = sensitive(contact, "contact_info", "contact_email", true);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw V3Error.paramError("contact_info.contact_email is not an email address");
        }

        JsonFields.Obj subject = o.object("subject_info", true);
        String subjectType = subject.requiredString("subject_type", 64);
        if (!SUBJECT_TYPES.contains(subjectType)) {
            throw V3Error.paramError("subject_info.subject_type must be SUBJECT_TYPE_ENTERPRISE or "
                    + "SUBJECT_TYPE_INDIVIDUAL (the other subject types are not accepted by Lingqian)");
        }
        JsonFields.Obj licence = subject.object("business_license_info", true);
        licence.requiredString("license_copy", MEDIA_ID);
        String licenseNumber = licence.requiredString("license_number", 18);
        String merchantName = licence.requiredString("merchant_name", 128);
        String legalPerson = licence.requiredString("legal_person", 64);
        JsonFields.Obj identity = subject.object("identity_info", true);
        String idDocType = identity.optionalString("id_doc_type", 64);
        if (idDocType != null && !idDocType.equals(ID_CARD)) {
            throw V3Error.paramError("subject_info.identity_info.id_doc_type: only IDENTIFICATION_TYPE_IDCARD is accepted");
        }
        identity.optionalBoolean("owner");
        JsonFields.Obj card = identity.object("id_card_info", true);
        String cardPath = "subject_info.identity_info.id_card_info";
        card.requiredString("id_card_copy", MEDIA_ID);
        card.requiredString("id_card_national", MEDIA_ID);
        String idCardName = text(sensitive(card, cardPath, "id_card_name", true), cardPath + ".id_card_name", 64);
        String idCardNumber = sensitive(card, cardPath, "id_card_number", true);
        if (!ApplymentForm.isIdCardNumber(idCardNumber)) {
            throw V3Error.paramError(cardPath + ".id_card_number is not a valid identity card number "
                    + "(18 characters, a real birth date, the GB 11643 check character)");
        }
        sensitive(card, cardPath, "id_card_address", false);
        String validFrom = date(card.requiredString("card_period_begin", 10), cardPath + ".card_period_begin", false);
        String validTo = date(card.requiredString("card_period_end", 10), cardPath + ".card_period_end", true);
        if (!validTo.equals("长期") && validTo.compareTo(validFrom) <= 0) {
            throw V3Error.paramError(cardPath + ".card_period_end must be after card_period_begin");
        }

        JsonFields.Obj business = o.object("business_info", true);
        String shortName = business.requiredString("merchant_shortname", 64);
        String servicePhone = business.matching("service_phone", SERVICE_PHONE, "5 to 20 digits or -", true);
        JsonFields.Obj sales = business.object("sales_info", true);
        List<String> scenes = sales.strings("sales_scenes_type");
        if (scenes.isEmpty()) {
            throw V3Error.paramError("business_info.sales_info.sales_scenes_type is required");
        }
        List<String> subAppids = new ArrayList<>();
        String siteUrl = null;
        for (String scene : scenes) {
            if (!SCENES.contains(scene)) {
                throw V3Error.paramError("business_info.sales_info.sales_scenes_type: unknown scene " + scene);
            }
        }
        if (scenes.contains("SALES_SCENES_STORE")) {
            JsonFields.Obj store = sales.object("biz_store_info", true);
            store.requiredString("biz_store_name", 128);
            store.matching("biz_address_code", AREA_CODE, "a 6-digit area code", true);
            store.requiredString("biz_store_address", 128);
            store.strings("store_entrance_pic");
            store.strings("indoor_pic");
            appid(store, "business_info.sales_info.biz_store_info", "biz_sub_appid", subAppids);
        }
        if (scenes.contains("SALES_SCENES_MP")) {
            JsonFields.Obj mp = sales.object("mp_info", true);
            appid(mp, "business_info.sales_info.mp_info", "mp_appid", subAppids);
            appid(mp, "business_info.sales_info.mp_info", "mp_sub_appid", subAppids);
        }
        if (scenes.contains("SALES_SCENES_MINI_PROGRAM")) {
            JsonFields.Obj mini = sales.object("mini_program_info", true);
            appid(mini, "business_info.sales_info.mini_program_info", "mini_program_appid", subAppids);
            appid(mini, "business_info.sales_info.mini_program_info", "mini_program_sub_appid", subAppids);
        }
        if (scenes.contains("SALES_SCENES_APP")) {
            JsonFields.Obj app = sales.object("app_info", true);
            appid(app, "business_info.sales_info.app_info", "app_appid", subAppids);
            appid(app, "business_info.sales_info.app_info", "app_sub_appid", subAppids);
        }
        if (scenes.contains("SALES_SCENES_WEB")) {
            String domain = sales.object("web_info", true).matching("domain", DOMAIN,
                    "a domain such as shop.example.cn", true);
            siteUrl = domain.startsWith("http") ? domain : "https://" + domain;
        }

        JsonFields.Obj settlement = o.object("settlement_info", true);
        String settlementId = settlement.requiredString("settlement_id", 8);
        MerchantCategory category = ApplymentForm.SETTLEMENT_IDS.get(settlementId);
        if (category == null) {
            throw V3Error.paramError("settlement_info.settlement_id must be one of Lingqian's settlement rules "
                    + new java.util.TreeSet<>(ApplymentForm.SETTLEMENT_IDS.keySet()));
        }
        settlement.requiredString("qualification_type", 64);
        settlement.strings("qualifications");

        JsonFields.Obj bankInfo = o.object("bank_account_info", true);
        String accountType = bankInfo.requiredString("bank_account_type", 64);
        if (!ACCOUNT_TYPES.contains(accountType)) {
            throw V3Error.paramError("bank_account_info.bank_account_type must be BANK_ACCOUNT_TYPE_CORPORATE "
                    + "or BANK_ACCOUNT_TYPE_PERSONAL");
        }
        String accountName = text(sensitive(bankInfo, "bank_account_info", "account_name", true),
                "bank_account_info.account_name", 128);
        PartnerBank bank = ApplymentForm.bank(bankInfo.requiredString("account_bank", 128)).orElseThrow(() ->
                V3Error.paramError("bank_account_info.account_bank must be one of Lingqian's partner banks, "
                        + "such as 工商银行 or 招商银行"));
        bankInfo.matching("bank_address_code", AREA_CODE, "a 6-digit area code", true);
        bankInfo.optionalString("bank_branch_id", 64);
        bankInfo.optionalString("bank_name", 128);
        String accountNumber = sensitive(bankInfo, "bank_account_info", "account_number", true).replace(" ", "");
        if (!ACCOUNT_NUMBER.matcher(accountNumber).matches()) {
            throw V3Error.paramError("bank_account_info.account_number must be 8 to 30 digits");
        }
        JsonFields.Obj addition = o.object("addition_info", false);
        addition.optionalString("business_addition_msg", 512);
        addition.strings("business_addition_pics");

        return new ApplymentForm(businessCode, contactType, contactName, contactIdNumber, mobile, email, subjectType,
                merchantName, licenseNumber, legalPerson, idCardName, idCardNumber, validFrom, validTo, shortName,
                servicePhone, siteUrl, settlementId, category, bank, accountName,
                accountNumber, subAppids);
    }

    /** A field encrypted with the platform key: required or not, decrypted, never echoed in a message. */
    private String sensitive(JsonFields.Obj o, String path, String name, boolean required) {
        String ciphertext = required ? o.requiredString(name, CIPHERTEXT) : o.optionalString(name, CIPHERTEXT);
        if (ciphertext == null || ciphertext.isEmpty()) {
            if (required) {
                throw V3Error.paramError(path + "." + name + " is required");
            }
            return null;
        }
        String plain = decrypt.apply(ciphertext);
        if (plain == null) {
            throw V3Error.paramError(path + "." + name + " could not be decrypted with the platform key named by "
                    + "Wechatpay-Serial (RSA/ECB/OAEPWithSHA-1AndMGF1Padding, base64)");
        }
        if (plain.isBlank() && required) {
            throw V3Error.paramError(path + "." + name + " is required");
        }
        if (plain.indexOf('\0') >= 0 || plain.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
            throw V3Error.paramError(path + "." + name + " contains a character that cannot be stored");
        }
        return plain.strip();
    }

    private static String text(String value, String path, int max) {
        if (value.length() > max) {
            throw V3Error.paramError(path + " is longer than " + max + " characters");
        }
        return value;
    }

    private static void appid(JsonFields.Obj o, String path, String name, List<String> appids) {
        String appid = o.optionalString(name, 32);
        if (appid == null || appid.isEmpty()) {
            return;
        }
        if (!APPID.matcher(appid).matches()) {
            throw V3Error.paramError(path + "." + name + " must be an appid: wx and 16 hexadecimal digits");
        }
        appids.add(appid);
    }

    /** YYYY-MM-DD, or 长期 (no end) where allowed. */
    private static String date(String text, String path, boolean openEnded) {
        if (openEnded && text.equals("长期")) {
            return text;
        }
        try {
            if (text.length() != 10) {
                throw new DateTimeParseException("length", text, 0);
            }
            LocalDate.parse(text);
            return text;
        } catch (DateTimeParseException e) {
            throw V3Error.paramError(path + " must be a date such as 2019-06-06" + (openEnded ? " or 长期" : ""));
        }
    }
}
