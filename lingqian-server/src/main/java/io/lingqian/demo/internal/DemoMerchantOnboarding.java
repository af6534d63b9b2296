package io.lingqian.demo.internal;

import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.lingqian.demo.DemoContributor;
import io.lingqian.demo.DemoSeed;
import io.lingqian.merchant.Actor;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.AppSecret;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.MerchantApplication;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;

/**
 * Takes the demo merchant through onboarding the way a real one goes (application, review,
 * contract), so it has a settlement account to be paid to, and registers its official account with
 * the web authorisation domains of a local install. Lives here rather than in the merchant context
 * because the demo already depends on merchants: the other way round would be a cycle.
 */
@Component
@Order(110)
class DemoMerchantOnboarding implements DemoContributor {

    static final String LEGAL_NAME = "Lingqian Demo Coffee Co., Ltd.";

    private final MerchantApplications applications;
    private final MerchantApps apps;

    DemoMerchantOnboarding(MerchantApplications applications, MerchantApps apps) {
        this.applications = applications;
        this.apps = apps;
    }

    @Override
    public void contribute(DemoSeed seed) {
        long merchantId = seed.merchant().id();
        Actor owner = Actor.merchantUser(seed.merchantUser().id(), seed.merchantUser().displayName());
        Actor reviewer = Actor.system("demo seed");
        MerchantApplication app = applications.startApplication(merchantId, owner);
        applications.save(merchantId, new ApplicationForm(LEGAL_NAME, "Demo Coffee", "Demo Coffee Owner",
                "13800000009", seed.merchantUser().email(), MerchantCategory.CATERING.name(), "91310000MA1FL0000N",
                "Demo Coffee Owner", "http://localhost:8080", "ICBC", LEGAL_NAME, "6222020200000000001"));
        applications.submit(merchantId, owner);
        applications.startReview(app.id(), reviewer);
        applications.approve(app.id(), reviewer, "demo merchant");
        applications.signContract(merchantId, owner);

        AppSecret coffee = apps.register(merchantId, AppKind.OFFICIAL_ACCOUNT, "Demo Coffee",
                List.of("localhost", "localhost:8080", "127.0.0.1:8080"));
        seed.addSection("Demo merchant app (web authorisation): appid / app secret", List.of(
                coffee.app().appid() + " / " + coffee.secret() + "   official account, domains "
                        + String.join(", ", coffee.app().domains())));
    }
}
