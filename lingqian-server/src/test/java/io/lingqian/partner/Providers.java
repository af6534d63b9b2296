package io.lingqian.partner;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.lingqian.merchant.Actor;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.Onboarding;

/**
 * Service providers and sub-merchants made through the public services, as a provider and staff
 * would: the provider signs up, declares its application a provider's and goes through review; a
 * sub-merchant is onboarded by its provider and approved by staff.
 */
@Component
public class Providers {

    private final Onboarding onboarding;
    private final MerchantApplications applications;
    private final MerchantAccounts accounts;
    private final ServiceProviders providers;

    Providers(Onboarding onboarding, MerchantApplications applications, MerchantAccounts accounts,
            ServiceProviders providers) {
        this.onboarding = onboarding;
        this.applications = applications;
        this.accounts = accounts;
        this.providers = providers;
    }

    /** An active service provider with its portal user. */
    public MerchantUser activeProvider() {
        MerchantUser user = onboarding.signedUp();
        providers.declare(user.merchantId());
        applications.save(user.merchantId(), Onboarding.completeForm("Provider Co. " + user.id()));
        Actor actor = Actor.merchantUser(user.id(), user.displayName());
        applications.submit(user.merchantId(), actor);
        approve(user.merchantId());
        applications.signContract(user.merchantId(), actor);
        return user;
    }

    /** A shop the provider onboarded, through review and signing: active, with its sub_mchid. */
    public Merchant activeSubMerchant(MerchantUser provider, MerchantCategory category) {
        SubMerchant sub = submittedSubMerchant(provider, category);
        approve(sub.merchantId());
        providers.signContract(provider.merchantId(), sub.merchantId(), actorOf(provider));
        return accounts.merchant(sub.merchantId()).orElseThrow();
    }

    /** A shop the provider onboarded whose complete application waits in the staff's queue. */
    public SubMerchant submittedSubMerchant(MerchantUser provider, MerchantCategory category) {
        String code = "BC" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        SubMerchant sub = providers.onboard(provider.merchantId(), "Corner Shop " + code, code, actorOf(provider));
        ApplicationForm form = Onboarding.completeForm("Corner Shop Ltd. " + code);
        providers.saveApplication(provider.merchantId(), sub.merchantId(), new ApplicationForm(form.legalName(),
                form.shortName(), form.contactName(), form.contactPhone(), form.contactEmail(), category.name(),
                form.licenceNumber(), form.legalRepresentative(), form.siteUrl(), form.bankName(),
                form.bankAccountName(), form.bankAccountNumber()));
        providers.submitApplication(provider.merchantId(), sub.merchantId(), actorOf(provider));
        return providers.ownSubMerchant(provider.merchantId(), sub.merchantId());
    }

    public void approve(long merchantId) {
        long applicationId = applications.ofMerchant(merchantId).orElseThrow().id();
        applications.startReview(applicationId, Onboarding.REVIEWER);
        applications.approve(applicationId, Onboarding.REVIEWER, "fine");
    }

    public String mchidOf(long merchantId) {
        return accounts.merchant(merchantId).orElseThrow().mchid().orElseThrow();
    }

    public static Actor actorOf(MerchantUser user) {
        return Actor.merchantUser(user.id(), user.displayName());
    }
}
