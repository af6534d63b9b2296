package io.lingqian.risk;

import static io.lingqian.risk.RiskControlTests.code;
import static io.lingqian.risk.RiskControlTests.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.care.ComplaintKind;
import io.lingqian.care.Complaints;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeType;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.TestPayers;

/**
 * The merchant rate rules end to end: payments, complaints (filed in the complaints context) and
 * refunds (made through the payments context) feed the merchant summary, and once a merchant's rates
 * cross the default rules' thresholds its customers' payments are challenged, then refused with a case.
 */
@ServerTest
class MerchantRateRulesTests {

    @Autowired TestMerchants merchants;
    @Autowired TestPayers payers;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired Refunds refunds;
    @Autowired Complaints complaints;
    @Autowired PaymentSecurity security;
    @Autowired RiskJobs jobs;
    @Autowired RiskCases cases;
    @Autowired AdjustableClock clock;

    record Paid(TestPayers.Payer payer, PaymentOrder order) {
    }

    @Test
    void aMerchantWithManyComplaintsIsChallengedAndOneRefundingMostPaymentsIsRefusedWithACase() {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Refund mill", List.of()).app().appid();
        // 100 payments (the rules look at merchants with 100 or more): ten payers, ten password-free each
        List<Paid> paid = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            TestPayers.Payer payer = payers.withBalance(20_00);
            security.passwordFree(payer.id(), true, 5_00);
            for (int i = 0; i < 10; i++) {
                PaymentOrder order = prepay(merchant, appid, 1_00);
                cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), null);
                paid.add(new Paid(payer, order));
            }
            clock.advance(Duration.ofMinutes(1));
        }
        jobs.poll();
        TestPayers.Payer customer = payers.withBalance(100_00);
        PaymentOrder first = prepay(merchant, appid, 2_00);
        assertThat(cashier.pay(customer.id(), customer.deviceId(), first.prepayId(), TestPayers.PAY_PASSWORD)
                .payerTotalFen()).as("an ordinary merchant").isEqualTo(2_00);

        // 5 complaints in 101 payments is under 5 %; the sixth is over
        for (int i = 0; i < 6; i++) {
            Paid p = paid.get(i * 10);
            complaints.file(p.payer().id(), "payment:" + p.order().transactionId(), ComplaintKind.NOT_RECEIVED,
                    "Never arrived.", null);
        }
        jobs.poll();
        PaymentOrder second = prepay(merchant, appid, 2_00);
        ApiProblemException challenge = refusal(() -> cashier.pay(customer.id(), customer.deviceId(),
                second.prepayId(), TestPayers.PAY_PASSWORD));
        assertThat(challenge.code()).isEqualTo("risk_challenge");
        assertThat(challenge.getMessage()).contains("unusually many complaints");

        // refunding 52 of 101 payments is over half
        for (int i = 0; i < 52; i++) {
            PaymentOrder order = paid.get(i).order();
            refunds.refund(merchant.id(), new NewRefund(order.transactionId(), null, "RF" + i + "x"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 16), "cash back", null, 1_00,
                    1_00, List.of(), UUID.randomUUID().toString()));
        }
        jobs.poll();
        PaymentOrder third = prepay(merchant, appid, 2_00);
        assertThat(code(() -> cashier.pay(customer.id(), customer.deviceId(), third.prepayId(),
                TestPayers.PAY_PASSWORD))).isEqualTo("risk_denied");

        RiskCase open = cases.list(RiskCase.State.OPEN, customer.id(), 1).get(0);
        assertThat(open.decision()).isEqualTo("DENY");
        assertThat(cases.trail(open.id())).extracting(RiskCase.Event::detail)
                .anyMatch(d -> d.contains("merchant-refunds-extreme") && d.contains("merchant-refunds"));
    }

    private PaymentOrder prepay(TestMerchants.ApprovedMerchant merchant, String appid, long totalFen) {
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Gift card",
                "M" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null, UUID.randomUUID().toString()));
    }
}
