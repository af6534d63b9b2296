package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.Onboarding;
import io.lingqian.merchant.Settlements;
import io.lingqian.partner.PartnerOrders;
import io.lingqian.partner.Providers;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.partner.SubMerchant;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.TradeType;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * The provider's orders and settlements pages: all its shops' orders or one shop's, each shop's
 * settlement with the provider's commission; another provider's shops never appear and cannot be
 * asked for, and a merchant that is not a provider has no such pages.
 */
@ServerTest
class PartnerBooksPagesTests {

    @Autowired MockMvc mvc;
    @Autowired Providers providers;
    @Autowired ServiceProviders serviceProviders;
    @Autowired PartnerOrders partnerOrders;
    @Autowired MerchantApps apps;
    @Autowired Onboarding onboarding;
    @Autowired TestPayers payers;
    @Autowired Cashier cashier;
    @Autowired Settlements settlements;
    @Autowired AdjustableClock clock;

    MerchantUser provider;
    String spAppid;
    Merchant fuel;
    Merchant shop;

    @BeforeEach
    void providerWithTwoShops() {
        provider = providers.activeProvider();
        spAppid = apps.register(provider.merchantId(), AppKind.OFFICIAL_ACCOUNT, "Provider", List.of()).app().appid();
        fuel = providers.activeSubMerchant(provider, MerchantCategory.FUEL);
        shop = providers.activeSubMerchant(provider, MerchantCategory.RETAIL);
    }

    @Test
    void theProviderSeesItsShopsOrdersFilteredByShopButNeverAnotherProvidersShops() throws Exception {
        PaymentOrder diesel = order(provider, spAppid, fuel, 50_00);
        PaymentOrder bread = order(provider, spAppid, shop, 3_00);
        MerchantUser other = providers.activeProvider();
        String otherAppid = apps.register(other.merchantId(), AppKind.OFFICIAL_ACCOUNT, "Other", List.of()).app().appid();
        Merchant foreign = providers.activeSubMerchant(other, MerchantCategory.RETAIL);
        PaymentOrder theirs = order(other, otherAppid, foreign, 9_00);
        MockHttpSession session = signIn(provider.email());

        String all = page(session, "/merchant/partner/orders");
        assertThat(all).contains(diesel.outTradeNo(), bread.outTradeNo(), fuel.name(), shop.name())
                .doesNotContain(theirs.outTradeNo(), foreign.name());
        String onlyFuel = page(session, "/merchant/partner/orders?sub=" + fuel.id());
        assertThat(onlyFuel).contains(diesel.outTradeNo()).doesNotContain(bread.outTradeNo());

        mvc.perform(get("/merchant/partner/orders").param("sub", Long.toString(foreign.id())).session(session))
                .andExpect(status().isNotFound());
        MockHttpSession otherSession = signIn(other.email());
        assertThat(page(otherSession, "/merchant/partner/orders")).contains(theirs.outTradeNo())
                .doesNotContain(diesel.outTradeNo(), bread.outTradeNo());
        mvc.perform(get("/merchant/partner/orders").param("sub", Long.toString(fuel.id())).session(otherSession))
                .andExpect(status().isNotFound());
        assertThat(page(otherSession, "/merchant/partner/settlements")).doesNotContain(fuel.name());
    }

    @Test
    void theSettlementsPageShowsEachShopsSettlementAndTheProvidersCommission() throws Exception {
        TestPayers.Payer payer = payers.withBalance(200_00);
        PaymentOrder diesel = order(provider, spAppid, fuel, 100_00);
        cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), diesel.codeUrl()).prepayId(),
                TestPayers.PAY_PASSWORD);
        clock.advance(Duration.ofDays(1));
        settlements.settle(fuel.id()).orElseThrow();
        MockHttpSession session = signIn(provider.email());

        String page = page(session, "/merchant/partner/settlements");
        // 0.3 % of 100.00 is 0.30 of fee; 20 % of it is 0.06.
        assertThat(page).contains(fuel.name()).contains("99.70").contains("0.06").contains("20.00 %");
        assertThat(page).containsPattern("id=\"commission-total\">0\\.06 CNY");
    }

    @Test
    void aMerchantThatIsNotAProviderHasNoSuchPages() throws Exception {
        MerchantUser direct = onboarding.signedUp();
        MockHttpSession session = signIn(direct.email());
        mvc.perform(get("/merchant/partner/orders").session(session)).andExpect(status().isNotFound());
        mvc.perform(get("/merchant/partner/settlements").session(session)).andExpect(status().isNotFound());
    }

    private PaymentOrder order(MerchantUser by, String appid, Merchant sub, long totalFen) {
        SubMerchant own = serviceProviders.ownSubMerchant(by.merchantId(), sub.id());
        String no = "PB" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        return partnerOrders.prepay(own, appid, null, "https://provider.example.cn/notify",
                new NewOrder(TradeType.NATIVE, appid, own.subMchid().orElseThrow(), "Goods " + no, no, null, null,
                        null, null, totalFen, "CNY", null, "10.0.0.1", null, "digest-" + no));
    }

    private String page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private MockHttpSession signIn(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
