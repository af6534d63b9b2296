package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.lingqian.api.v3.NotifyEndpoint.Received;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.Notification;
import io.lingqian.notification.NotificationAttempt;
import io.lingqian.notification.NotificationStatus;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.TestPayers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-off on commit: a payment's notification is sent as soon as the payment commits, without
 * the delivery job running; the job only retries. With {@code delivery-threads=0} the hand-off sends
 * on the paying thread, so the attempt is recorded when {@code pay} returns (in production it runs
 * on the delivery threads).
 */
@ServerTest
@TestPropertySource(properties = {"lingqian.notification.deliver-on-commit=true",
        "lingqian.notification.delivery-threads=0"})
class NotificationOnCommitTests {

    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    MerchantApps apps;
    @Autowired
    TestPayers payers;
    @Autowired
    Cashier cashier;
    @Autowired
    PaymentOrders orders;
    @Autowired
    MerchantNotifications notifications;
    @Autowired
    AdjustableClock clock;
    @Autowired
    JsonMapper json;

    private NotifyEndpoint endpoint;
    private List<Received> received;
    private ApiTestMerchant merchant;
    private String appid;

    @BeforeEach
    void merchantEndpoint() throws IOException {
        endpoint = NotifyEndpoint.start(204);
        received = endpoint.received();
        merchant = ApiTestMerchant.create(merchants, credentials);
        appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void thePaymentsNotificationIsDeliveredWhenThePaymentCommitsWithoutTheJob() {
        PaymentOrder order = paidOrder(payers.withBalance(100_00), 12_00, TestPayers.PAY_PASSWORD);

        assertThat(received).hasSize(1);
        Notification n = mine();
        assertThat(n.status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(n.subject()).isEqualTo(order.outTradeNo());
        assertThat(json.readTree(received.get(0).body()).get("id").asString()).isEqualTo(n.notificationId());
        assertThat(attempts(n)).singleElement().satisfies(a -> assertThat(a.httpStatus()).isEqualTo(204));

        notifications.deliverDue();
        clock.advance(Duration.ofDays(2));
        notifications.deliverDue();
        assertThat(received).as("the job does not send a delivered notification again").hasSize(1);
    }

    @Test
    void aHandedOffNotificationTheMerchantRefusesIsRetriedByTheJobOnTheSchedule() {
        endpoint.answerWith(500);
        paidOrder(payers.withBalance(100_00), 7_00, TestPayers.PAY_PASSWORD);

        Notification n = mine();
        assertThat(received).hasSize(1);
        assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
        NotificationAttempt failed = attempts(n).get(0);
        assertThat(failed.httpStatus()).isEqualTo(500);
        assertThat(n.nextAttemptAt()).isEqualTo(failed.attemptedAt().plus(Duration.ofSeconds(15)));

        clock.advance(Duration.between(clock.instant(), n.nextAttemptAt()).minusSeconds(1));
        notifications.deliverDue();
        assertThat(received).as("not before the schedule's 15 s").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        notifications.deliverDue();
        assertThat(received).hasSize(2);
        assertThat(mine().status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(attempts(mine())).extracting(NotificationAttempt::httpStatus).containsExactly(500, 204);
    }

    @Test
    void aPaymentThatRollsBackSendsNothingAndLeavesNoNotification() {
        TestPayers.Payer poor = payers.withBalance(1_00);

        assertThatThrownBy(() -> paidOrder(poor, 5_00, TestPayers.PAY_PASSWORD))
                .isInstanceOfSatisfying(ApiProblemException.class,
                        e -> assertThat(e.code()).isEqualTo("insufficient_balance"));

        notifications.deliverDue();
        assertThat(received).isEmpty();
        assertThat(notifications.recent(merchant.merchant().id(), 10)).isEmpty();
    }

    private PaymentOrder paidOrder(TestPayers.Payer payer, long totalFen, String password) {
        String outTradeNo = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String notifyUrl = endpoint.url();
        PaymentOrder order = orders.prepay(merchant.merchant().id(), new NewOrder(TradeType.NATIVE, appid,
                merchant.mchid(), "Tea", outTradeNo, null, null, notifyUrl, null, totalFen, "CNY", null, null,
                null, "digest-" + outTradeNo));
        String prepayId = cashier.scan(payer.id(), order.codeUrl()).prepayId();
        cashier.pay(payer.id(), payer.deviceId(), prepayId, password);
        return orders.byOutTradeNo(merchant.merchant().id(), outTradeNo);
    }

    /** Each test's merchant is fresh and has exactly one paid order. */
    private Notification mine() {
        List<Notification> all = notifications.recent(merchant.merchant().id(), 10);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<NotificationAttempt> attempts(Notification n) {
        return notifications.attempts(merchant.merchant().id(), n.id());
    }
}
