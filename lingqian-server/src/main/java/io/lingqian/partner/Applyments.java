package io.lingqian.partner;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.merchant.Actor;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.ApplicationState;
import io.lingqian.merchant.InvalidApplicationException;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplication;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.SettlementAccountVerifier;
import io.lingqian.partner.ApplymentRefusal.Reason;
import io.lingqian.partner.internal.ApplymentStore;
import io.lingqian.platform.crypto.FieldCipher;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sub-merchant onboarding through the v3 applyment API (特约商户进件), through the state machine of
 * {@link ApplymentState}. The shop becomes an ordinary sub-merchant of the provider
 * ({@link ServiceProviders#onboard}) whose merchant application is filled in from the request, so staff
 * review it in the one queue and approval gives it its {@code sub_mchid}, exactly as for a shop
 * onboarded in the portal. What only this path has is kept here: the applyment_id, the data check,
 * the legal person's account verification and signing through the sign link, idempotency on
 * {@code business_code}, and the sensitive fields sealed at rest.
 */
@Service
public class Applyments {

    static final String SENSITIVE_PURPOSE = "partner.applyment_sensitive";
    static final String DIGEST_PURPOSE = "partner.applyment_content";
    static final String TOKEN_PURPOSE = "partner.applyment_sign_token";
    private static final String TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int TOKEN_LENGTH = 32;
    private static final int ID_ATTEMPTS = 20;

    /**
     * The application's fields as the applyment request names them, and their names for people: how a
     * rejection by staff (reasons per application field) or a rule of the merchant application reaches
     * the provider.
     */
    static final Map<String, Applyment.AuditDetail> FIELDS = Map.ofEntries(
            field(ApplicationForm.LEGAL_NAME, "merchant_name", "商户名称"),
            field(ApplicationForm.SHORT_NAME, "merchant_shortname", "商户简称"),
            field(ApplicationForm.CONTACT_NAME, "contact_name", "超级管理员姓名"),
            field(ApplicationForm.CONTACT_PHONE, "mobile_phone", "联系手机"),
            field(ApplicationForm.CONTACT_EMAIL, "contact_email", "联系邮箱"),
            field(ApplicationForm.CATEGORY, "settlement_id", "入驻结算规则ID"),
            field(ApplicationForm.LICENCE_NUMBER, "license_number", "注册号/统一社会信用代码"),
            field(ApplicationForm.LEGAL_REPRESENTATIVE, "legal_person", "经营者/法定代表人姓名"),
            field(ApplicationForm.SITE_URL, "domain", "网站域名"),
            field(ApplicationForm.BANK_NAME, "account_bank", "开户银行"),
            field(ApplicationForm.BANK_ACCOUNT_NAME, "account_name", "开户名称"),
            field(ApplicationForm.BANK_ACCOUNT_NUMBER, "account_number", "银行账号"));

    /** Where each field sits in the request, for PARAM_ERROR messages. */
    static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("merchant_name", "subject_info.business_license_info.merchant_name"),
            Map.entry("merchant_shortname", "business_info.merchant_shortname"),
            Map.entry("contact_name", "contact_info.contact_name"),
            Map.entry("mobile_phone", "contact_info.mobile_phone"),
            Map.entry("contact_email", "contact_info.contact_email"),
            Map.entry("settlement_id", "settlement_info.settlement_id"),
            Map.entry("license_number", "subject_info.business_license_info.license_number"),
            Map.entry("legal_person", "subject_info.business_license_info.legal_person"),
            Map.entry("domain", "business_info.sales_info.web_info.domain"),
            Map.entry("account_bank", "bank_account_info.account_bank"),
            Map.entry("account_name", "bank_account_info.account_name"),
            Map.entry("account_number", "bank_account_info.account_number"));

    /** What the legal person sees on the sign page: no personal data beyond the names on the licence. */
    public record SignPage(Applyment applyment, String shopName, String legalName, String legalPerson,
                           String providerName) {
    }

    private final ApplymentStore store;
    private final ServiceProviders providers;
    private final MerchantApplications applications;
    private final MerchantAccounts accounts;
    private final SettlementAccountVerifier verifier;
    private final FieldCipher cipher;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Applyments(ApplymentStore store, ServiceProviders providers, MerchantApplications applications,
            MerchantAccounts accounts, SettlementAccountVerifier verifier, FieldCipher cipher, JsonMapper json,
            Clock clock) {
        this.store = store;
        this.providers = providers;
        this.applications = applications;
        this.accounts = accounts;
        this.verifier = verifier;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Submits an application, or answers the one already submitted under the same business_code with
     * the same content. A REJECTED application is resubmitted under its business_code with new content
     * (domain-rules.md §6.2). The data check runs now: a refused settlement account rejects the
     * application at once; otherwise it waits for the legal person's account verification (when the super
     * administrator is an agent) or goes straight to the staff's review.
     *
     * @throws ApplymentRefusal NOT_A_PROVIDER, BUSINESS_CODE_USED, INVALID_FIELD (nothing stored)
     */
    @Transactional
    public Applyment submit(long providerId, ApplymentForm form, Actor actor) {
        requireProvider(providerId);
        String digest = cipher.blindIndex(form.canonical(), DIGEST_PURPOSE);
        Optional<ApplymentStore.Row> existing = store.byBusinessCode(providerId, form.businessCode());
        Instant now = clock.instant();
        if (existing.isPresent()) {
            ApplymentStore.Row row = existing.get();
            Applyment current = view(row);
            if (row.contentDigest().equals(digest)) {
                return current;
            }
            if (current.state() != ApplymentState.REJECTED) {
                throw new ApplymentRefusal(Reason.BUSINESS_CODE_USED, null, "business_code " + form.businessCode()
                        + " was used for an application with other content that is " + current.state()
                        + "; only a rejected application can be submitted again under its business_code");
            }
            current.state().next(ApplymentState.CHECKING);
            Checked checked = check(row.subMerchantId(), form, actor);
            store.updateContent(row.applymentId(), checked.stage().name(), checked.rejections(), digest,
                    sealSensitive(form), now);
            return view(store.byId(row.applymentId()).orElseThrow());
        }
        if (providers.byBusinessCode(providerId, form.businessCode()).isPresent()) {
            throw new ApplymentRefusal(Reason.BUSINESS_CODE_USED, null, "business_code " + form.businessCode()
                    + " is the number of a shop onboarded in the portal; use a new business_code");
        }
        SubMerchant shop = providers.onboard(providerId, form.shortName(), form.businessCode(), actor);
        Checked checked = check(shop.merchantId(), form, actor);
        String token = newToken();
        for (int i = 0; i < ID_ATTEMPTS; i++) {
            // Like WeChat's: a number of 16 digits starting with 2000.
            long applymentId = 2_000_000_000_000_000L + (long) (random.nextDouble() * 1_000_000_000_000L);
            if (store.insert(new ApplymentStore.Row(applymentId, providerId, shop.merchantId(), form.businessCode(),
                    checked.stage().name(), checked.rejections(), digest, sealSensitive(form),
                    cipher.seal(token, TOKEN_PURPOSE), cipher.blindIndex(token, TOKEN_PURPOSE),
                    ApplymentStore.utc(now), ApplymentStore.utc(now)))) {
                return view(store.byId(applymentId).orElseThrow());
            }
        }
        throw new IllegalStateException("no free applyment_id after " + ID_ATTEMPTS + " attempts");
    }

    /**
     * @throws ApplymentRefusal NOT_A_PROVIDER; NOT_FOUND for none of this provider's
     */
    public Applyment byBusinessCode(long providerId, String businessCode) {
        requireProvider(providerId);
        return store.byBusinessCode(providerId, businessCode).map(this::view)
                .orElseThrow(() -> notFound("business_code " + businessCode));
    }

    /**
     * @throws ApplymentRefusal NOT_A_PROVIDER; NOT_FOUND for none of this provider's
     */
    public Applyment byApplymentId(long providerId, long applymentId) {
        requireProvider(providerId);
        return store.byId(applymentId).filter(r -> r.providerId() == providerId).map(this::view)
                .orElseThrow(() -> notFound("applyment_id " + applymentId));
    }

    /** The sign page behind a sign link; empty for a token that names nothing. */
    public Optional<SignPage> signPage(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        return store.bySignToken(cipher.blindIndex(token, TOKEN_PURPOSE)).map(row -> {
            MerchantApplication app = applications.ofMerchant(row.subMerchantId()).orElseThrow();
            String providerName = accounts.merchant(row.providerId()).map(Merchant::name).orElse("");
            return new SignPage(view(row), app.form().shortName(), app.form().legalName(),
                    app.form().legalRepresentative(), providerName);
        });
    }

    /**
     * The legal person confirms the super administrator through the sign link: the application goes to
     * the staff's review queue.
     *
     * @throws ApplymentRefusal NOT_FOUND for an unknown token
     * @throws ApplymentState.IllegalApplymentTransition unless ACCOUNT_NEED_VERIFY
     */
    @Transactional
    public Applyment verifyAccount(String token, Actor legalPerson) {
        ApplymentStore.Row row = lockByToken(token);
        view(row).state().next(ApplymentState.AUDITING);
        applications.submit(row.subMerchantId(), legalPerson);
        store.updateStage(row.applymentId(), ApplymentState.AUDITING.name(), clock.instant());
        return view(store.byId(row.applymentId()).orElseThrow());
    }

    /**
     * The legal person signs the contract through the sign link: the sub-merchant is opened (without a
     * deposit to pay it is active at once) and the application FINISH.
     *
     * @throws ApplymentRefusal NOT_FOUND for an unknown token
     * @throws ApplymentState.IllegalApplymentTransition unless NEED_SIGN
     */
    @Transactional
    public Applyment sign(String token, Actor legalPerson) {
        ApplymentStore.Row row = lockByToken(token);
        view(row).state().next(ApplymentState.FINISH);
        applications.signContract(row.subMerchantId(), legalPerson);
        return view(store.byId(row.applymentId()).orElseThrow());
    }

    private record Checked(ApplymentState stage, String rejections) {
    }

    /**
     * CHECKING: the application's own rules (the merchant application's, so both paths agree), then the
     * bank's account-name enquiry. A malformed field refuses the request; a refused account rejects
     * the application.
     */
    private Checked check(long subMerchantId, ApplymentForm form, Actor actor) {
        try {
            applications.save(subMerchantId, new ApplicationForm(form.merchantName(), form.shortName(),
                    form.contactName(), form.mobilePhone(), form.contactEmail(), form.category().name(),
                    form.licenseNumber(), form.legalPerson(), form.siteUrl(), form.bank().name(),
                    form.accountName(), form.accountNumber()));
        } catch (InvalidApplicationException e) {
            Map.Entry<String, String> first = e.fieldErrors().entrySet().iterator().next();
            String field = Optional.ofNullable(FIELDS.get(first.getKey())).map(Applyment.AuditDetail::field)
                    .orElse(first.getKey());
            throw new ApplymentRefusal(Reason.INVALID_FIELD, PATHS.getOrDefault(field, field),
                    PATHS.getOrDefault(field, field) + ": " + first.getValue());
        }
        SettlementAccountVerifier.Verification account = verifier.verify(form.bank().name(), form.accountName(),
                form.accountNumber());
        if (!account.verified()) {
            return new Checked(ApplymentState.CHECKING.next(ApplymentState.REJECTED),
                    json.writeValueAsString(Map.of(ApplicationForm.BANK_ACCOUNT_NUMBER, account.reason())));
        }
        if (form.contactType() == ApplymentForm.ContactType.SUPER) {
            return new Checked(ApplymentState.CHECKING.next(ApplymentState.ACCOUNT_NEED_VERIFY), null);
        }
        applications.submit(subMerchantId, actor);
        return new Checked(ApplymentState.CHECKING.next(ApplymentState.AUDITING), null);
    }

    private Applyment view(ApplymentStore.Row row) {
        ApplymentState stage = ApplymentState.valueOf(row.stage());
        MerchantApplication app = applications.ofMerchant(row.subMerchantId()).orElseThrow();
        // Staff may close the shop's application at any stage: that cancels the applyment too.
        ApplymentState state = stage == ApplymentState.AUDITING || app.state() == ApplicationState.CLOSED
                ? ApplymentState.of(app.state()) : stage;
        List<Applyment.AuditDetail> details = new ArrayList<>();
        if (state == ApplymentState.REJECTED) {
            Map<String, String> reasons = row.checkRejections() != null && stage == ApplymentState.REJECTED
                    ? json.readValue(row.checkRejections(), new TypeReference<LinkedHashMap<String, String>>() { })
                    : app.rejectionReasons();
            reasons.forEach((field, reason) -> {
                Applyment.AuditDetail named = FIELDS.get(field);
                details.add(new Applyment.AuditDetail(named == null ? field : named.field(),
                        named == null ? field : named.fieldName(), reason));
            });
        }
        Optional<String> subMchid = state == ApplymentState.FINISH
                ? accounts.merchant(row.subMerchantId()).flatMap(Merchant::mchid) : Optional.empty();
        Optional<String> token = state == ApplymentState.ACCOUNT_NEED_VERIFY || state == ApplymentState.NEED_SIGN
                ? Optional.of(cipher.open(row.signTokenSealed(), TOKEN_PURPOSE)) : Optional.empty();
        return new Applyment(row.applymentId(), row.businessCode(), row.providerId(), row.subMerchantId(), state,
                subMchid, token, details);
    }

    private ApplymentStore.Row lockByToken(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            throw notFound("sign link");
        }
        return store.lockBySignToken(cipher.blindIndex(token, TOKEN_PURPOSE))
                .orElseThrow(() -> notFound("sign link"));
    }

    private String sealSensitive(ApplymentForm form) {
        Map<String, String> sensitive = new LinkedHashMap<>();
        sensitive.put("id_card_name", form.idCardName());
        sensitive.put("id_card_number", form.idCardNumber());
        sensitive.put("card_period_begin", form.idCardValidFrom());
        sensitive.put("card_period_end", form.idCardValidTo());
        sensitive.put("contact_name", form.contactName());
        if (form.contactIdNumber() != null) {
            sensitive.put("contact_id_number", form.contactIdNumber());
        }
        sensitive.put("mobile_phone", form.mobilePhone());
        sensitive.put("contact_email", form.contactEmail());
        sensitive.put("account_name", form.accountName());
        sensitive.put("account_number", form.accountNumber());
        return cipher.seal(json.writeValueAsString(sensitive), SENSITIVE_PURPOSE);
    }

    private void requireProvider(long providerId) {
        if (!providers.isActiveProvider(providerId)) {
            throw new ApplymentRefusal(Reason.NOT_A_PROVIDER, null,
                    "this merchant is not a service provider; only a service provider submits sub-merchant applications");
        }
    }

    private String newToken() {
        StringBuilder token = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            token.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return token.toString();
    }

    private static ApplymentRefusal notFound(String what) {
        return new ApplymentRefusal(Reason.NOT_FOUND, null, what + " does not name an application of this provider");
    }

    private static Map.Entry<String, Applyment.AuditDetail> field(String applicationField, String requestField,
            String name) {
        return Map.entry(applicationField, new Applyment.AuditDetail(requestField, name, ""));
    }
}
