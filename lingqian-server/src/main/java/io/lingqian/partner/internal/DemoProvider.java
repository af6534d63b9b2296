package io.lingqian.partner.internal;

import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.lingqian.demo.DemoContributor;
import io.lingqian.demo.DemoSeed;
import io.lingqian.merchant.Actor;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.partner.SubMerchant;

/**
 * A demo service provider with one demo shop, so a newcomer sees the model: the provider signs in
 * to the portal's "Service provider" section and finds its shop, active with its sub_mchid. Both went
 * through the ordinary review, as real ones do (the provider declared, the shop onboarded, filled in
 * and signed for by the provider).
 */
@Component
@Order(220)
class DemoProvider implements DemoContributor {

    static final String EMAIL = "provider@merchant.lingqian.test";
    static final String BUSINESS_CODE = "DEMO-SHOP-001";

    private final MerchantApplications applications;
    private final ServiceProviders providers;
    private final MerchantAccounts accounts;
    private final MerchantApps apps;

    DemoProvider(MerchantApplications applications, ServiceProviders providers, MerchantAccounts accounts,
            MerchantApps apps) {
        this.applications = applications;
        this.providers = providers;
        this.accounts = accounts;
        this.apps = apps;
    }

    @Override
    public void contribute(DemoSeed seed) {
        Actor reviewer = Actor.system("demo seed");
        MerchantUser user = applications.signUp("Lingqian Demo Services", EMAIL, "Demo Provider", seed.password());
        long providerId = user.merchantId();
        Actor owner = Actor.merchantUser(user.id(), user.displayName());
        providers.declare(providerId);
        applications.save(providerId, form("Lingqian Demo Services Co., Ltd.", "Demo Services", EMAIL,
                MerchantCategory.SERVICES, "91310000MA1FL0001R", "6222020200000000002"));
        applications.submit(providerId, owner);
        approve(providerId, reviewer);
        applications.signContract(providerId, owner);
        String spAppid = apps.register(providerId, AppKind.OFFICIAL_ACCOUNT, "Demo Services", List.of()).app().appid();

        SubMerchant shop = providers.onboard(providerId, "Demo Corner Noodles", BUSINESS_CODE, owner);
        providers.saveApplication(providerId, shop.merchantId(), form("Demo Corner Noodles Ltd.", "Corner Noodles",
                "noodles@shop.lingqian.test", MerchantCategory.CATERING, "91310000MA1FL0002W", "6222020200000000003"));
        providers.submitApplication(providerId, shop.merchantId(), owner);
        approve(shop.merchantId(), reviewer);
        providers.signContract(providerId, shop.merchantId(), owner);

        String spMchid = mchid(providerId);
        seed.addSection("Demo service provider (服务商): portal sign-in, sp_mchid, sp_appid, its shop", List.of(
                EMAIL + " / " + seed.password() + "   sp_mchid " + spMchid + ", sp_appid " + spAppid,
                "sub-merchant \"Demo Corner Noodles\" (business code " + BUSINESS_CODE + "): sub_mchid "
                        + mchid(shop.merchantId())));
    }

    private void approve(long merchantId, Actor reviewer) {
        long applicationId = applications.ofMerchant(merchantId).orElseThrow().id();
        applications.startReview(applicationId, reviewer);
        applications.approve(applicationId, reviewer, "demo");
    }

    private String mchid(long merchantId) {
        return accounts.merchant(merchantId).flatMap(Merchant::mchid).orElseThrow();
    }

    private static ApplicationForm form(String legalName, String shortName, String email, MerchantCategory category,
            String licence, String bankAccount) {
        return new ApplicationForm(legalName, shortName, "Demo Owner", "13800000019", email, category.name(),
                licence, "Demo Owner", "http://localhost:8080", "ICBC", legalName, bankAccount);
    }
}
