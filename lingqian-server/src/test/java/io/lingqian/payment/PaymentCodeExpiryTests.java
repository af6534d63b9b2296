package io.lingqian.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.PaymentCodes;
import io.lingqian.wallet.TestPayers;

/** A payment code left waiting for the payer's password past time_expire is closed by the expiry job. */
@ServerTest
class PaymentCodeExpiryTests {

    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired TestPayers payers;
    @Autowired PaymentCodes codes;
    @Autowired PaymentCodeCashier paymentCodes;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired AdjustableClock clock;

    @Test
    void aWaitingPaymentCodeOrderPastItsExpiryIsClosedAndCanNoLongerBeConfirmed() {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Till", List.of()).app().appid();
        TestPayers.Payer payer = payers.withBalance(50_00);
        String code = codes.issue(payer.id(), payer.deviceId()).code();
        String outTradeNo = "EXP" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);

        PaymentOrder waiting = paymentCodes.micropay(merchant.id(), new NewOrder(TradeType.MICROPAY, appid,
                merchant.mchid(), "Noodles", outTradeNo, clock.instant().plus(Duration.ofMinutes(5)), null, null, null,
                12_00, "CNY", null, null, "POS-1", "digest-" + outTradeNo), code);
        assertThat(waiting.tradeState()).as("no password-free payments: waits for the password")
                .isEqualTo(TradeState.USERPAYING);

        clock.advance(Duration.ofMinutes(4));
        orders.closeExpired();
        assertThat(orders.byOutTradeNo(merchant.id(), outTradeNo).tradeState()).isEqualTo(TradeState.USERPAYING);

        clock.advance(Duration.ofMinutes(2));
        assertThat(orders.closeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(orders.byOutTradeNo(merchant.id(), outTradeNo).tradeState()).isEqualTo(TradeState.CLOSED);
        assertThatThrownBy(() -> cashier.pay(payer.id(), payer.deviceId(), waiting.prepayId(), TestPayers.PAY_PASSWORD))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("order_closed"));
    }
}
