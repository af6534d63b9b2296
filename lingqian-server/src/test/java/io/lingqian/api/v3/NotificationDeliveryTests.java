package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;

import io.lingqian.api.v3.NotifyEndpoint.Received;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.Notification;
import io.lingqian.notification.NotificationAttempt;
import io.lingqian.notification.NotificationStatus;
import io.lingqian.notification.RetrySchedule;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeType;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payment notifications as a merchant's server receives them: a local endpoint (JDK HttpServer,
 * receiving only) hands what arrives to the official SDK's {@code NotificationParser}, which must
 * verify and decrypt it into the paid Transaction. Delivery is driven by hand: move the clock, run
 * the job, look at what arrived and what was recorded.
 */
@DemoEnvironmentTest
class NotificationDeliveryTests {

    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantCredentials credentials;
    @Autowired
    PlatformKeys platformKeys;
    @Autowired
    MerchantApps apps;
    @Autowired
    OpenIds openIds;
    @Autowired
    TestPayers payers;
    @Autowired
    Cashier cashier;
    @Autowired
    PaymentOrders orders;
    @Autowired
    MerchantNotifications notifications;
    @Autowired
    Refunds refunds;
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
        endpoint = NotifyEndpoint.start(200);
        received = endpoint.received();
        merchant = ApiTestMerchant.create(merchants, credentials);
        appid = apps.register(merchant.merchant().id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void thePaidOrderArrivesAsATransactionTheOfficialSdkVerifiesAndDecrypts() {
        TestPayers.Payer payer = payers.withBalance(100_00);
        PaymentOrder order = paidOrder(payer, 18_00);

        notifications.deliverDue();

        assertThat(received).hasSize(1);
        Received r = received.get(0);
        Transaction transaction = parser().parse(requestParam(r), Transaction.class);
        assertThat(transaction.getOutTradeNo()).isEqualTo(order.outTradeNo());
        assertThat(transaction.getTransactionId()).isEqualTo(order.transactionId());
        assertThat(transaction.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(transaction.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.NATIVE);
        assertThat(transaction.getMchid()).isEqualTo(merchant.mchid());
        assertThat(transaction.getAppid()).isEqualTo(appid);
        assertThat(transaction.getAttach()).isEqualTo("table 7");
        assertThat(transaction.getPayer().getOpenid()).isEqualTo(openIds.openidOf(appid, payer.id()));
        assertThat(transaction.getAmount().getTotal()).isEqualTo(18_00);
        assertThat(transaction.getAmount().getPayerTotal()).isEqualTo(18_00);
        assertThat(transaction.getSuccessTime()).endsWith("+08:00");

        JsonNode envelope = json.readTree(r.body());
        assertThat(envelope.get("event_type").asString()).isEqualTo("TRANSACTION.SUCCESS");
        assertThat(envelope.get("resource_type").asString()).isEqualTo("encrypt-resource");
        assertThat(envelope.get("summary").asString()).isEqualTo("支付成功");
        assertThat(envelope.get("create_time").asString()).endsWith("+08:00");
        JsonNode resource = envelope.get("resource");
        assertThat(resource.get("algorithm").asString()).isEqualTo("AEAD_AES_256_GCM");
        assertThat(resource.get("original_type").asString()).isEqualTo("transaction");
        assertThat(resource.get("associated_data").asString()).isEqualTo("transaction");
        assertThat(resource.get("nonce").asString()).hasSize(12);
        assertThat(r.headers().getFirst("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");

        Notification n = mine();
        assertThat(n.status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(n.subject()).isEqualTo(order.outTradeNo());
        assertThat(n.notificationId()).isEqualTo(envelope.get("id").asString());
        assertThat(notifications.attempts(merchant.merchant().id(), n.id()))
                .singleElement().satisfies(a -> {
                    assertThat(a.httpStatus()).isEqualTo(200);
                    assertThat(a.delivered()).isTrue();
                    assertThat(a.responseBody()).contains("SUCCESS");
                });

        clock.advance(Duration.ofDays(2));
        notifications.deliverDue();
        assertThat(received).as("a delivered notification is not sent again").hasSize(1);
    }

    @Test
    void aFailingEndpointIsRetriedOnTheScheduleNotEarlierUntilItRecovers() {
        endpoint.answerWith(500, 500, 404);
        paidOrder(payers.withBalance(100_00), 5_00);

        notifications.deliverDue();
        for (Duration wait : RetrySchedule.INTERVALS.subList(0, 3)) {
            Notification n = mine();
            List<NotificationAttempt> attempts = attempts(n);
            assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(n.nextAttemptAt()).isEqualTo(attempts.get(attempts.size() - 1).attemptedAt().plus(wait));
            int before = received.size();

            clock.advance(Duration.between(clock.instant(), n.nextAttemptAt()).minusSeconds(1));
            notifications.deliverDue();
            assertThat(received).as("one second before the next attempt is due").hasSize(before);

            clock.advance(Duration.ofSeconds(1));
            notifications.deliverDue();
            assertThat(received).as("once it is due").hasSize(before + 1);
        }

        List<NotificationAttempt> attempts = attempts(mine());
        assertThat(attempts).extracting(NotificationAttempt::httpStatus).containsExactly(500, 500, 404, 200);
        assertThat(attempts).extracting(NotificationAttempt::delivered).containsExactly(false, false, false, true);
        assertThat(Duration.between(attempts.get(0).attemptedAt(), attempts.get(3).attemptedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(15 + 15 + 30));
        assertThat(mine().status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(received).extracting(r -> json.readTree(r.body()).get("id").asString())
                .as("the same notification id in every attempt").containsOnly(mine().notificationId());
        received.forEach(r -> parser().parse(requestParam(r), Transaction.class));

        clock.advance(Duration.ofDays(2));
        notifications.deliverDue();
        assertThat(received).hasSize(4);
    }

    @Test
    void anEndpointThatNeverSucceedsIsTriedSixteenTimesOverTheWholeScheduleThenGivenUp() {
        for (int i = 0; i < RetrySchedule.MAX_ATTEMPTS; i++) {
            endpoint.answerWith(503);
        }
        paidOrder(payers.withBalance(100_00), 5_00);

        notifications.deliverDue();
        while (mine().status() == NotificationStatus.PENDING) {
            clock.advance(Duration.between(clock.instant(), mine().nextAttemptAt()));
            notifications.deliverDue();
        }

        Notification n = mine();
        assertThat(n.status()).isEqualTo(NotificationStatus.GAVE_UP);
        assertThat(n.nextAttemptAt()).isNull();
        List<NotificationAttempt> attempts = attempts(n);
        assertThat(attempts).hasSize(16).allSatisfy(a -> assertThat(a.httpStatus()).isEqualTo(503));
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.between(attempts.get(i - 1).attemptedAt(), attempts.get(i).attemptedAt()))
                    .isGreaterThanOrEqualTo(RetrySchedule.INTERVALS.get(i - 1));
        }
        clock.advance(Duration.ofDays(2));
        notifications.deliverDue();
        assertThat(received).hasSize(16);
    }

    @Test
    void noAnswerWithinTheTimeoutIsAFailureAndTheNextAttemptFollowsTheSchedule() {
        endpoint.answerWith(NotifyEndpoint.STALL);
        paidOrder(payers.withBalance(100_00), 5_00);

        notifications.deliverDue();

        Notification n = mine();
        NotificationAttempt timedOut = attempts(n).get(0);
        assertThat(timedOut.httpStatus()).isNull();
        assertThat(timedOut.delivered()).isFalse();
        assertThat(timedOut.error()).contains("no answer within");
        assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(n.nextAttemptAt()).isEqualTo(timedOut.attemptedAt().plus(Duration.ofSeconds(15)));

        clock.advance(Duration.between(clock.instant(), n.nextAttemptAt()));
        notifications.deliverDue();

        assertThat(mine().status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(attempts(mine())).extracting(NotificationAttempt::httpStatus).containsExactly(null, 200);
    }

    @Test
    void aRefundArrivesAsARefundNotificationTheOfficialSdkVerifiesAndDecrypts() {
        PaymentOrder order = paidOrder(payers.withBalance(100_00), 18_00);
        notifications.deliverDue();
        received.clear();

        refunds.refund(merchant.merchant().id(), new NewRefund(null, order.outTradeNo(), "R-" + order.outTradeNo(),
                "顾客退货", null, 5_00, 18_00, List.of(), "digest-R-" + order.outTradeNo()));
        notifications.deliverDue();

        assertThat(received).as("to the order's notify_url, the refund having none of its own").hasSize(1);
        Received r = received.get(0);
        RefundNotification refund = parser().parse(requestParam(r), RefundNotification.class);
        assertThat(refund.getRefundStatus()).isEqualTo(Status.SUCCESS);
        assertThat(refund.getOutRefundNo()).isEqualTo("R-" + order.outTradeNo());
        assertThat(refund.getRefundId()).hasSize(29);
        assertThat(refund.getOutTradeNo()).isEqualTo(order.outTradeNo());
        assertThat(refund.getTransactionId()).isEqualTo(order.transactionId());
        assertThat(refund.getUserReceivedAccount()).isEqualTo("支付用户零钱");
        assertThat(refund.getSuccessTime()).endsWith("+08:00");
        assertThat(refund.getAmount().getTotal()).isEqualTo(18_00L);
        assertThat(refund.getAmount().getRefund()).isEqualTo(5_00L);
        assertThat(refund.getAmount().getPayerTotal()).isEqualTo(18_00L);
        assertThat(refund.getAmount().getPayerRefund()).isEqualTo(5_00L);
        JsonNode envelope = json.readTree(r.body());
        assertThat(envelope.get("event_type").asString()).isEqualTo("REFUND.SUCCESS");
        assertThat(envelope.get("summary").asString()).isEqualTo("退款成功");
        assertThat(envelope.get("resource").get("original_type").asString()).isEqualTo("refund");
        assertThat(envelope.get("resource").get("associated_data").asString()).isEqualTo("refund");
        assertThat(notifications.recent(merchant.merchant().id(), 10)).extracting(Notification::subject)
                .contains("R-" + order.outTradeNo());
    }

    @Test
    void aMerchantSeesOnlyItsOwnNotifications() {
        paidOrder(payers.withBalance(100_00), 5_00);
        notifications.deliverDue();
        Notification n = mine();
        long other = merchants.approved().id();

        assertThat(notifications.recent(other, 50)).extracting(Notification::id).doesNotContain(n.id());
        assertThat(notifications.attempts(other, n.id())).isEmpty();
        assertThat(notifications.attempts(merchant.merchant().id(), n.id())).hasSize(1);
    }

    private PaymentOrder paidOrder(TestPayers.Payer payer, long totalFen) {
        String outTradeNo = "N" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String notifyUrl = endpoint.url();
        PaymentOrder order = orders.prepay(merchant.merchant().id(), new NewOrder(TradeType.NATIVE, appid,
                merchant.mchid(), "Coffee", outTradeNo, null, "table 7", notifyUrl, null, totalFen, "CNY", null, null,
                null, "digest-" + outTradeNo));
        String prepayId = cashier.scan(payer.id(), order.codeUrl()).prepayId();
        cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD);
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

    private NotificationParser parser() {
        return new NotificationParser(SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred()));
    }

    /** What a merchant's servlet hands the SDK: the headers by their documented names, and the raw body. */
    private static RequestParam requestParam(Received r) {
        return new RequestParam.Builder()
                .serialNumber(r.headers().getFirst("Wechatpay-Serial"))
                .nonce(r.headers().getFirst("Wechatpay-Nonce"))
                .signature(r.headers().getFirst("Wechatpay-Signature"))
                .timestamp(r.headers().getFirst("Wechatpay-Timestamp"))
                .signType(r.headers().getFirst("Wechatpay-Signature-Type"))
                .body(r.body())
                .build();
    }
}
