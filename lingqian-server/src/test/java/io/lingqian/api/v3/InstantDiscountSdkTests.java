package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.model.PromotionDetail;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.Refund;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.DiscountRule;
import io.lingqian.marketing.InstantDiscounts;
import io.lingqian.marketing.NewDiscountRule;
import io.lingqian.marketing.StockFunding;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * An instant discount read back through the official wechatpay-java SDK: the {@code Transaction}'s
 * {@code amount.payer_total} and {@code promotion_detail} (CASH for a pre-funded rule, paid to the
 * merchant from the rule's account), and a partial refund's discount share.
 */
@DemoEnvironmentTest
class InstantDiscountSdkTests {

    @LocalServerPort
    int port;
    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    PlatformKeys platformKeys;
    @Autowired
    MerchantApps apps;
    @Autowired
    TestPayers payers;
    @Autowired
    Cashier cashier;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    InstantDiscounts discounts;

    ApiTestMerchant merchant;
    String appid;
    NativePayService nativePay;
    RefundService refundService;

    @BeforeEach
    void merchantWithSdk() {
        merchant = ApiTestMerchant.create(merchants, credentials);
        appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        HttpClient http = SdkClients.http(
                SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred()), port);
        nativePay = new NativePayService.Builder().httpClient(http).build();
        refundService = new RefundService.Builder().httpClient(http).build();
    }

    @Test
    void aPreFundedInstantDiscountShowsInTheSdksTransactionAndComesBackInProportionOnRefund() {
        long settlement = accounts.openMerchantSettlement(merchant.merchant().id());
        ledger.createTransfer(TransferRequest.single("test-fund-" + UUID.randomUUID(),
                PlatformAccount.OPERATOR_CAPITAL.id(), settlement, 30_00, Ledger.CNY, TransferCode.ADJUSTMENT.code(),
                "test")).orThrow();
        DiscountRule rule = discounts.create(CouponStocks.Creator.merchant(merchant.merchant().id(), merchant.mchid()),
                new NewDiscountRule("满50立减8", StockFunding.SPONSOR, null, 8_00, 8_00, 50_00, 24_00, 1, 1),
                "sdk-" + UUID.randomUUID());
        assertThat(balance(settlement)).isEqualTo(6_00);

        TestPayers.Payer payer = payers.withBalance(200_00);
        String outTradeNo = "ID" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String prepayId = cashier.scan(payer.id(), nativePay.prepay(prepay(outTradeNo, 80_00)).getCodeUrl()).prepayId();
        cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD);

        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(merchant.mchid());
        query.setOutTradeNo(outTradeNo);
        Transaction tx = nativePay.queryOrderByOutTradeNo(query);
        assertThat(tx.getAmount().getTotal()).isEqualTo(80_00);
        assertThat(tx.getAmount().getPayerTotal()).isEqualTo(72_00);
        assertThat(tx.getPromotionDetail()).singleElement().satisfies(p -> {
            assertThat(p.getCouponId()).isEqualTo(rule.ruleId());
            assertThat(p.getStockId()).isEqualTo(rule.ruleId());
            assertThat(p.getName()).isEqualTo("满50立减8");
            assertThat(p.getScope()).isEqualTo(PromotionDetail.ScopeEnum.GLOBAL);
            assertThat(p.getType()).isEqualTo(PromotionDetail.TypeEnum.CASH);
            assertThat(p.getAmount()).isEqualTo(8_00);
            assertThat(p.getMerchantContribute()).isEqualTo(8_00);
            assertThat(p.getWechatpayContribute()).isZero();
        });
        // 6.00 left + 80.00 (72.00 from the payer, 8.00 from the rule's budget) − 0.6 % of 80.00.
        assertThat(balance(settlement)).isEqualTo(6_00 + 80_00 - 48);
        assertThat(balance(rule.fundingAccountId())).isEqualTo(16_00);

        CreateRequest refund = new CreateRequest();
        refund.setOutTradeNo(outTradeNo);
        refund.setOutRefundNo("RI" + outTradeNo);
        AmountReq amount = new AmountReq();
        amount.setRefund(20_00L);
        amount.setTotal(80_00L);
        amount.setCurrency("CNY");
        refund.setAmount(amount);
        Refund quarter = refundService.create(refund);
        assertThat(quarter.getAmount().getPayerRefund()).isEqualTo(18_00L);
        assertThat(quarter.getAmount().getDiscountRefund()).isEqualTo(2_00L);
        assertThat(quarter.getPromotionDetail()).singleElement().satisfies(p -> {
            assertThat(p.getPromotionId()).isEqualTo(rule.ruleId());
            assertThat(p.getRefundAmount()).isEqualTo(2_00L);
        });
        assertThat(balance(rule.fundingAccountId())).isEqualTo(18_00);
    }

    private PrepayRequest prepay(String outTradeNo, int totalFen) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(appid);
        request.setMchid(merchant.mchid());
        request.setDescription("零钱 lunch");
        request.setOutTradeNo(outTradeNo);
        request.setNotifyUrl("https://shop.example.cn/notify");
        Amount amount = new Amount();
        amount.setTotal(totalFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private long balance(long account) {
        return ledger.account(account).orElseThrow().balances().creditBalance();
    }
}
