package io.lingqian.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.bank.TestCard;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;
import io.lingqian.risk.RiskCase;
import io.lingqian.risk.RiskCases;
import io.lingqian.testing.ServerTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two end-to-end paths through the wallet API into the risk gate: under the hardware lock a payment
 * from another device is challenged (and passes once with the SMS code) instead of refused, and after
 * five wrong payment passwords payments are refused and a risk case is open.
 */
@ServerTest
class HardwareLockAndPasswordRiskTests {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired RiskCases cases;

    @Test
    void underTheHardwareLockAPaymentFromAnotherDeviceIsChallengedAndPassesOnceWithTheSmsCode() throws Exception {
        WalletApiClient phone = new WalletApiClient(mvc, json);
        long card = phone.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        phone.topUp(card, 100_00, "r-" + UUID.randomUUID());
        phone.put("/api/wallet/security/hardware-lock", Map.of("enabled", true));
        WalletApiClient borrowed = phone.onAnotherDevice("borrowed-" + UUID.randomUUID().toString().substring(0, 8));
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        PaymentOrder order = prepay(merchant, 12_00);
        Map<String, Object> pay = Map.of("paymentPassword", WalletApiClient.PAY_PASSWORD);

        WalletApiClient.Answer challenged = borrowed.post("/api/wallet/cashier/orders/" + order.prepayId() + "/pay", pay);
        assertThat(challenged.status()).isEqualTo(428);
        assertThat(challenged.code()).isEqualTo("risk_challenge");
        assertThat(challenged.text("detail")).contains("not the bound device");
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);
        assertThat(phone.balance()).isEqualTo(100_00);

        assertThat(borrowed.post("/api/wallet/risk-challenges/" + challenged.text("challengeId") + "/confirm",
                Map.of("smsCode", challenged.text("sandboxSmsCode"))).status()).isEqualTo(200);
        assertThat(borrowed.post("/api/wallet/cashier/orders/" + order.prepayId() + "/pay", pay).status())
                .isEqualTo(200);
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.SUCCESS);
        assertThat(phone.balance()).isEqualTo(88_00);

        // the next payment from the borrowed phone is challenged again; the bound phone pays at once
        PaymentOrder next = prepay(merchant, 5_00);
        assertThat(borrowed.post("/api/wallet/cashier/orders/" + next.prepayId() + "/pay", pay).code())
                .isEqualTo("risk_challenge");
        assertThat(phone.post("/api/wallet/cashier/orders/" + next.prepayId() + "/pay", pay).status()).isEqualTo(200);
        // withdrawals stay with the bound device (only payments are challenged)
        assertThat(borrowed.withdraw(card, 1_00, "r-" + UUID.randomUUID(), WalletApiClient.PAY_PASSWORD).code())
                .isEqualTo("device_not_trusted");
    }

    @Test
    void afterFiveWrongPasswordsPaymentsAreRefusedAndACaseOpens() throws Exception {
        WalletApiClient user = new WalletApiClient(mvc, json);
        long card = user.verifiedWithCard(TestCard.ALWAYS_SUCCEEDS);
        user.topUp(card, 100_00, "r-" + UUID.randomUUID());
        user.put("/api/wallet/security/password-free", Map.of("enabled", true, "limitFen", 50_00));
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        PaymentOrder order = prepay(merchant, 10_00);
        String path = "/api/wallet/cashier/orders/" + order.prepayId() + "/pay";
        for (int i = 0; i < 4; i++) {
            assertThat(user.post(path, Map.of("paymentPassword", "000001")).code()).isEqualTo("wrong_payment_password");
        }
        assertThat(cases.list(RiskCase.State.OPEN, user.userId, 1)).as("no case before the lock").isEmpty();
        WalletApiClient.Answer fifth = user.post(path, Map.of("paymentPassword", "000001"));
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.code()).isEqualTo("payment_password_locked");

        WalletApiClient.Answer right = user.post(path, Map.of("paymentPassword", WalletApiClient.PAY_PASSWORD));
        assertThat(right.code()).as("even the right password").isEqualTo("payment_password_locked");
        assertThat(user.post(path, Map.of()).code()).as("and password-free").isEqualTo("payment_password_locked");
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);
        assertThat(user.balance()).isEqualTo(100_00);

        RiskCase open = cases.list(RiskCase.State.OPEN, user.userId, 1).get(0);
        assertThat(cases.trail(open.id())).extracting(RiskCase.Event::kind).containsExactly("PASSWORD_LOCKED");
    }

    private PaymentOrder prepay(TestMerchants.ApprovedMerchant merchant, long totalFen) {
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Goods",
                "L" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
    }
}
