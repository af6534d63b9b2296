package io.lingqian.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.merchant.ApplicationState;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.testing.DemoEnvironmentTest;

/** The demo seed's service provider: active, with one active shop that has its sub_mchid. */
@DemoEnvironmentTest
class DemoProviderTests {

    @Autowired MerchantAccounts accounts;
    @Autowired ServiceProviders providers;

    @Test
    void theDemoProviderHasOneActiveShop() {
        long providerId = accounts.signInAccount("provider@merchant.lingqian.test").flatMap(a ->
                accounts.merchantOfPortalUser(a.id())).orElseThrow().id();
        assertThat(providers.isActiveProvider(providerId)).isTrue();
        assertThat(providers.subMerchantsOf(providerId)).singleElement().satisfies(shop -> {
            assertThat(shop.name()).isEqualTo("Demo Corner Noodles");
            assertThat(shop.businessCode()).isEqualTo("DEMO-SHOP-001");
            assertThat(shop.applicationState()).isEqualTo(ApplicationState.ACTIVE);
            assertThat(shop.subMchid()).isPresent();
        });
    }
}
