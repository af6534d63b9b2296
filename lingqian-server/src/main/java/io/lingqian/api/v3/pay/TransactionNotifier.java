package io.lingqian.api.v3.pay;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.payment.OrderPaid;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentRecords;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the {@code TRANSACTION.SUCCESS} notification of a paid order. A plain listener runs inside
 * the payment's transaction, so the notification exists exactly when the payment committed. The
 * resource is the order as the query API shows it (reference §3.3), written by the same record.
 */
@Component
class TransactionNotifier {

    private final MerchantNotifications notifications;
    private final PaymentRecords records;
    private final JsonMapper json;

    TransactionNotifier(MerchantNotifications notifications, PaymentRecords records, JsonMapper json) {
        this.notifications = notifications;
        this.records = records;
        this.json = json;
    }

    @EventListener
    void onPaid(OrderPaid paid) {
        PaymentOrder order = paid.order();
        if (order.notifyUrl() == null) {
            // v2 payment-code orders have no notify_url: WeChat tells the merchant in the micropay answer
            return;
        }
        notifications.record(order.merchantId(), order.notifyUrl(), NotificationEvent.TRANSACTION_SUCCESS,
                order.outTradeNo(), json.writeValueAsString(
                        TransactionsController.Transaction.of(order, records.discountsOf(order))));
    }
}
