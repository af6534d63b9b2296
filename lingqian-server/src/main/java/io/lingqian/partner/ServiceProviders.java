package io.lingqian.partner;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.merchant.Actor;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.InvalidApplicationException;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplication;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.partner.PartnerRefusal.Reason;
import io.lingqian.partner.internal.PartnerStore;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;

/**
 * Providers and their sub-merchants: declaring an application to be a provider's, onboarding a shop
 * as a sub-merchant (its application filled in, submitted and signed by the provider, reviewed by
 * staff in the ordinary queue), and the check every partner API call starts with
 * ({@link #actingFor}). A provider reaches only its own sub-merchants: anything else is not found.
 */
@Service
public class ServiceProviders {

    /** v3 applyment's business_code: the provider's own number, letters, digits and _-. */
    static final Pattern BUSINESS_CODE = Pattern.compile("[0-9A-Za-z_\\-]{1,124}");
    private static final int LIST_LIMIT = 500;

    private final PartnerStore store;
    private final MerchantAccounts accounts;
    private final MerchantApplications applications;
    private final MerchantApps apps;
    private final Clock clock;

    ServiceProviders(PartnerStore store, MerchantAccounts accounts, MerchantApplications applications,
            MerchantApps apps, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.applications = applications;
        this.apps = apps;
        this.clock = clock;
    }

    /**
     * Marks the merchant's application as a service provider's. Only while the application can still
     * be changed (a draft or rejected), so the reviewer always sees what kind it is; a sub-merchant
     * cannot become a provider. Declaring twice is harmless.
     *
     * @throws ApiProblemException 409 {@code not_editable} or {@code sub_merchant}
     */
    @Transactional
    public void declare(long merchantId) {
        if (store.isProvider(merchantId)) {
            return;
        }
        if (store.binding(merchantId).isPresent()) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "sub_merchant",
                    "A sub-merchant is bound to its provider and cannot be a service provider itself.");
        }
        MerchantApplication app = applications.ofMerchant(merchantId).orElseThrow(() -> new ApiProblemException(
                HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "This merchant has no application."));
        if (!app.state().editable()) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "not_editable",
                    "Only an application that is a draft or was rejected can be changed into a service provider's.");
        }
        store.insertProvider(merchantId, clock.instant());
    }

    public boolean isProvider(long merchantId) {
        return store.isProvider(merchantId);
    }

    /** Whether the provider is active: only then may it onboard shops and take payments for them. */
    public boolean isActiveProvider(long merchantId) {
        return store.isProvider(merchantId) && accounts.merchant(merchantId)
                .map(m -> m.status() == MerchantStatus.ACTIVE).orElse(false);
    }

    /**
     * Opens a shop as the provider's sub-merchant with an empty application, or answers the one
     * already opened under the same business code (so a retried submission opens nothing twice).
     *
     * @throws InvalidApplicationException on {@code shopName} or {@code businessCode}
     * @throws ApiProblemException 403 {@code not_a_provider} unless the caller is an active provider
     */
    @Transactional
    public SubMerchant onboard(long providerId, String shopName, String businessCode, Actor actor) {
        requireActiveProvider(providerId);
        if (businessCode == null || !BUSINESS_CODE.matcher(businessCode).matches()) {
            throw new InvalidApplicationException(Map.of("businessCode", "1 to 124 letters, digits, _ or -."));
        }
        var existing = store.bindingByBusinessCode(providerId, businessCode);
        if (existing.isPresent()) {
            return view(existing.get());
        }
        if (shopName == null || shopName.isBlank() || shopName.strip().length() > 128) {
            throw new InvalidApplicationException(Map.of("shopName", "1 to 128 characters."));
        }
        Merchant shop = accounts.open(null, shopName, MerchantStatus.APPLYING);
        store.insertSubMerchant(shop.id(), providerId, businessCode, clock.instant());
        applications.startApplication(shop.id(), actor);
        return view(store.binding(shop.id()).orElseThrow());
    }

    /** The provider's sub-merchants, newest first. */
    public List<SubMerchant> subMerchantsOf(long providerId) {
        return store.bindingsOf(providerId, LIST_LIMIT).stream().map(this::view).toList();
    }

    /**
     * One of the provider's own sub-merchants.
     *
     * @throws ApiProblemException 404 for a merchant that is not the provider's sub-merchant
     */
    public SubMerchant ownSubMerchant(long providerId, long subMerchantId) {
        return store.binding(subMerchantId).filter(b -> b.providerId() == providerId).map(this::view)
                .orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND,
                        "No such sub-merchant."));
    }

    /** A sub-merchant of the provider by its business code; empty for none (or another provider's). */
    public java.util.Optional<SubMerchant> byBusinessCode(long providerId, String businessCode) {
        return store.bindingByBusinessCode(providerId, businessCode).map(this::view);
    }

    /** The provider of a sub-merchant; empty for any other merchant. */
    public java.util.Optional<Long> providerOf(long merchantId) {
        return store.binding(merchantId).map(PartnerStore.Binding::providerId);
    }

    /** Saves the sub-merchant's application as the provider typed it (the merchant's rules apply). */
    @Transactional
    public MerchantApplication saveApplication(long providerId, long subMerchantId, ApplicationForm form) {
        ownSubMerchant(providerId, subMerchantId);
        return applications.save(subMerchantId, form);
    }

    /** Sends the sub-merchant's application to the staff's review queue. */
    @Transactional
    public MerchantApplication submitApplication(long providerId, long subMerchantId, Actor actor) {
        ownSubMerchant(providerId, subMerchantId);
        return applications.submit(subMerchantId, actor);
    }

    /** The provider signs for its approved sub-merchant; without a deposit it is active at once. */
    @Transactional
    public MerchantApplication signContract(long providerId, long subMerchantId, Actor actor) {
        ownSubMerchant(providerId, subMerchantId);
        return applications.signContract(subMerchantId, actor);
    }

    public MerchantApplication applicationOf(long providerId, long subMerchantId) {
        ownSubMerchant(providerId, subMerchantId);
        return applications.ofMerchant(subMerchantId).orElseThrow();
    }

    /**
     * The check every partner API call starts with: the caller must be an active provider and the
     * sub_mchid one of its own active sub-merchants.
     *
     * @throws PartnerRefusal {@code NOT_A_PROVIDER}, {@code NOT_OWN_SUB_MERCHANT}
     */
    public SubMerchant actingFor(long callerMerchantId, String subMchid) {
        if (!isActiveProvider(callerMerchantId)) {
            throw new PartnerRefusal(Reason.NOT_A_PROVIDER,
                    "this merchant is not a service provider; call the direct-merchant endpoints instead");
        }
        return accounts.merchantByMchid(subMchid)
                .flatMap(m -> store.binding(m.id()))
                .filter(b -> b.providerId() == callerMerchantId)
                .map(this::view)
                .orElseThrow(() -> new PartnerRefusal(Reason.NOT_OWN_SUB_MERCHANT,
                        "sub_mchid " + subMchid + " is not a sub-merchant of this service provider"));
    }

    /**
     * Checks the appids of a partner order: sp_appid must be the provider's, a sub_appid the
     * sub-merchant's.
     *
     * @throws PartnerRefusal {@code APPID_MISMATCH}
     */
    public void requireAppids(long providerId, String spAppid, SubMerchant sub, String subAppid) {
        if (apps.appOf(providerId, spAppid).isEmpty()) {
            throw new PartnerRefusal(Reason.APPID_MISMATCH, "sp_appid " + spAppid + " is not bound to sp_mchid");
        }
        if (subAppid != null && apps.appOf(sub.merchantId(), subAppid).isEmpty()) {
            throw new PartnerRefusal(Reason.APPID_MISMATCH, "sub_appid " + subAppid + " is not bound to sub_mchid "
                    + sub.subMchid().orElse(""));
        }
    }

    /**
     * How the staff's review queue labels a merchant's application: "Service provider", "Sub-merchant of
     * <provider>", or empty for a direct merchant.
     */
    public java.util.Optional<String> reviewLabel(long merchantId) {
        if (store.isProvider(merchantId)) {
            return java.util.Optional.of("Service provider");
        }
        return store.binding(merchantId).map(b -> "Sub-merchant of "
                + accounts.merchant(b.providerId()).map(Merchant::name).orElse("provider " + b.providerId()));
    }

    private void requireActiveProvider(long providerId) {
        if (!isActiveProvider(providerId)) {
            throw new ApiProblemException(HttpStatus.FORBIDDEN, "not_a_provider",
                    "Only an active service provider can onboard shops.");
        }
    }

    private SubMerchant view(PartnerStore.Binding b) {
        Merchant m = accounts.merchant(b.merchantId()).orElseThrow();
        var state = applications.ofMerchant(b.merchantId()).map(MerchantApplication::state)
                .orElse(io.lingqian.merchant.ApplicationState.DRAFT);
        return new SubMerchant(m.id(), b.providerId(), m.name(), m.mchid(), b.businessCode(), state, b.createdAt());
    }
}
