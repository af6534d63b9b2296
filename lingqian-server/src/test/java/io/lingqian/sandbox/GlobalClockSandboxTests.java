package io.lingqian.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;

/**
 * On an installation started as a sandbox as a whole ({@code lingqian.sandbox.global-clock=true}), a
 * merchant with the sandbox on moves the one clock and the orders that expired meanwhile are closed at
 * once; a merchant with it off still cannot.
 */
@SpringBootTest(properties = "lingqian.sandbox.global-clock=true")
@ActiveProfiles("test")
class GlobalClockSandboxTests {

    @Autowired Sandbox sandbox;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired PaymentRecords records;
    @Autowired AdjustableClock clock;

    @Test
    void aSandboxMerchantMovesTheClockAndExpiredOrdersAreClosedBeforeTheCallAnswers() {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        TestMerchants.ApprovedMerchant off = merchants.approved();
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        PaymentOrder order = orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(),
                "Noodles", "CLK" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, 3_00, "CNY", null, null, null, UUID.randomUUID().toString()));
        sandbox.setEnabled(merchant.id(), true);

        assertThatThrownBy(() -> sandbox.advanceClock(off.id(), Duration.ofHours(3)))
                .isInstanceOfSatisfying(SandboxRefusal.class, r -> assertThat(r.reason()).isEqualTo(SandboxRefusal.Reason.OFF));
        assertThatThrownBy(() -> sandbox.advanceClock(merchant.id(), Duration.ofDays(31)))
                .isInstanceOfSatisfying(SandboxRefusal.class,
                        r -> assertThat(r.reason()).isEqualTo(SandboxRefusal.Reason.INVALID));
        Instant before = clock.instant();

        Instant now = sandbox.advanceClock(merchant.id(), Duration.ofHours(3));

        assertThat(Duration.between(before, now)).isGreaterThanOrEqualTo(Duration.ofHours(3));
        assertThat(sandbox.clockMovable()).isTrue();
        // Read through the records view, which never closes an order by looking at it: the move closed it.
        assertThat(records.merchantOrder(merchant.id(), order.outTradeNo()).orElseThrow().tradeState())
                .isEqualTo(TradeState.CLOSED);
    }
}
