package io.lingqian.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.github.binarywang.wxpay.bean.request.WxPayMicropayRequest;
import com.github.binarywang.wxpay.bean.request.WxPayOrderReverseRequest;
import com.github.binarywang.wxpay.bean.result.WxPayMicropayResult;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.merchant.OpenIds;
import io.lingqian.partner.PartnerOrders;
import io.lingqian.partner.Providers;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeState;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.PaymentCodes;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.TestPayers;

/**
 * The payment code charged by a service provider for its shop through WxJava (weixin-java-pay 4.7.0)
 * with {@code sub_mch_id} and {@code sub_appid} in its config, signed with the provider's v2 key: the
 * money lands in the shop's account at the shop's rate, the provider queries and reverses it, and the
 * refusals for another provider's shop and a foreign sub_appid.
 */
@DemoEnvironmentTest
class PartnerPaymentCodeTests {

    @LocalServerPort
    int port;
    @Autowired
    Providers providers;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    MerchantApps apps;
    @Autowired
    OpenIds openIds;
    @Autowired
    TestPayers payers;
    @Autowired
    PaymentCodes codes;
    @Autowired
    PaymentSecurity security;
    @Autowired
    PaymentOrders orders;
    @Autowired
    PartnerOrders partnerOrders;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;

    record Provider(MerchantUser user, WxPayClients.V2Signer signer) {

        String mchid() {
            return signer.mchid();
        }

        String appid() {
            return signer.appid();
        }
    }

    Provider provider;
    Merchant shop;
    String subAppid;

    @BeforeEach
    void providerWithAShop() {
        provider = provider();
        // Fuel: 0.3 %.
        shop = providers.activeSubMerchant(provider.user(), MerchantCategory.FUEL);
        subAppid = apps.register(shop.id(), AppKind.MINI_PROGRAM, "Shop mini program", List.of()).app().appid();
    }

    @Test
    void theProviderChargesACodeForItsShopWhoseMoneyLandsInTheShopsAccount() throws Exception {
        TestPayers.Payer payer = payers.withBalance(100_00);
        security.passwordFree(payer.id(), true, 50_00);
        String no = outTradeNo();

        WxPayMicropayResult paid = wxPay(provider, subMchid(), subAppid)
                .micropay(charge(no, 20_00, codes.issue(payer.id(), payer.deviceId()).code()));

        assertThat(paid.getResultCode()).isEqualTo("SUCCESS");
        assertThat(paid.getMchId()).isEqualTo(provider.mchid());
        assertThat(paid.getSubMchId()).isEqualTo(subMchid());
        assertThat(paid.getSubAppId()).isEqualTo(subAppid);
        assertThat(paid.getOpenid()).isEqualTo(openIds.openidOf(provider.appid(), payer.id()));
        assertThat(paid.getSubOpenid()).isEqualTo(openIds.openidOf(subAppid, payer.id()));
        // The shop's order at the shop's 0.3 %: 6 fen; nothing for the provider.
        assertThat(orders.byOutTradeNo(shop.id(), no).transactionId()).isEqualTo(paid.getTransactionId());
        assertThat(balance(accounts.openMerchantSettlement(shop.id()))).isEqualTo(20_00 - 6);
        assertThat(balance(accounts.openMerchantSettlement(provider.user().merchantId()))).isZero();
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(80_00);
        assertThat(partnerOrders.recentOf(provider.user().merchantId()))
                .anySatisfy(o -> assertThat(o.order().outTradeNo()).isEqualTo(no));

        var query = wxPay(provider, subMchid(), null).queryOrder(null, no);
        assertThat(query.getTradeState()).isEqualTo("SUCCESS");
        assertThat(query.getSubMchId()).isEqualTo(subMchid());
        assertThat(query.getTransactionId()).isEqualTo(paid.getTransactionId());

        var reversed = wxPay(provider, subMchid(), null).reverseOrder(WxPayOrderReverseRequest.newBuilder()
                .outTradeNo(no).build());
        assertThat(reversed.getResultCode()).isEqualTo("SUCCESS");
        assertThat(orders.byOutTradeNo(shop.id(), no).tradeState()).isEqualTo(TradeState.REVOKED);
        assertThat(balance(accounts.openMerchantSettlement(shop.id()))).isZero();
        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(100_00);
    }

    @Test
    void anotherProvidersShopAForeignSubAppidAndAShopActingAsProviderAreRefused() {
        TestPayers.Payer payer = payers.withBalance(10_00);
        security.passwordFree(payer.id(), true, 50_00);
        Provider other = provider();

        assertErrCode(wxPay(other, subMchid(), null), charge(outTradeNo(), 1_00,
                codes.issue(payer.id(), payer.deviceId()).code()), "NOAUTH");
        String foreignAppid = apps.register(provider.user().merchantId(), AppKind.MOBILE_APP, "Provider app",
                List.of()).app().appid();
        assertErrCode(wxPay(provider, subMchid(), foreignAppid), charge(outTradeNo(), 1_00,
                codes.issue(payer.id(), payer.deviceId()).code()), "APPID_MCHID_NOT_MATCH");
        // A direct merchant naming a sub_mch_id is not a provider.
        Merchant otherShop = providers.activeSubMerchant(other.user(), MerchantCategory.FUEL);
        String shopKey = credentials.resetApiV2Key(otherShop.id());
        String shopAppid = apps.register(otherShop.id(), AppKind.OFFICIAL_ACCOUNT, "Till", List.of()).app().appid();
        assertErrCode(wxPay(new Provider(other.user(),
                new WxPayClients.V2Signer(shopAppid, providers.mchidOf(otherShop.id()), shopKey, null)),
                subMchid(), null), charge(outTradeNo(), 1_00, codes.issue(payer.id(), payer.deviceId()).code()),
                "NOAUTH");
        assertThatThrownBy(() -> wxPay(other, subMchid(), null).queryOrder(null, outTradeNo()))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("NOAUTH"));

        assertThat(balance(accounts.openWallet(payer.id()))).isEqualTo(10_00);
    }

    private Provider provider() {
        MerchantUser user = providers.activeProvider();
        long id = user.merchantId();
        String appid = apps.register(id, AppKind.OFFICIAL_ACCOUNT, "Provider account", List.of()).app().appid();
        return new Provider(user, WxPayClients.V2Signer.issue(credentials, id, providers.mchidOf(id), appid));
    }

    private WxPayService wxPay(Provider provider, String subMchid, String subAppidOrNull) {
        return WxPayClients.v2(provider.signer(), port).signType("MD5").forShop(subMchid, subAppidOrNull).build();
    }

    private static void assertErrCode(WxPayService service, WxPayMicropayRequest request, String errCode) {
        assertThatThrownBy(() -> service.micropay(request))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo(errCode));
    }

    private static WxPayMicropayRequest charge(String outTradeNo, int fen, String authCode) {
        return WxPayMicropayRequest.newBuilder().body("Diesel").outTradeNo(outTradeNo).totalFee(fen)
                .spbillCreateIp("10.0.0.8").authCode(authCode).build();
    }

    private String subMchid() {
        return shop.mchid().orElseThrow();
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }

    private static String outTradeNo() {
        return "PM" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
