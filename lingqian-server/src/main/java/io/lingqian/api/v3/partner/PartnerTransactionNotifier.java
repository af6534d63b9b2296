package io.lingqian.api.v3.partner;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.OpenIds;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.payment.OrderPaid;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.partner.PartnerOrders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the partner-shape {@code TRANSACTION.SUCCESS} notification of a paid order a provider
 * placed, for the provider: encrypted with the provider's APIv3 key and sent to the notify_url of its
 * prepay. Inside the payment's transaction, like the direct notifier (which skips these orders: they
 * carry no notify_url of their own).
 */
@Component
class PartnerTransactionNotifier {

    private final PartnerOrders partnerOrders;
    private final MerchantAccounts accounts;
    private final MerchantNotifications notifications;
    private final OpenIds openIds;
    private final JsonMapper json;

    PartnerTransactionNotifier(PartnerOrders partnerOrders, MerchantAccounts accounts,
            MerchantNotifications notifications, OpenIds openIds, JsonMapper json) {
        this.partnerOrders = partnerOrders;
        this.accounts = accounts;
        this.notifications = notifications;
        this.openIds = openIds;
        this.json = json;
    }

    @EventListener
    void onPaid(OrderPaid paid) {
        PaymentOrder order = paid.order();
        // A payment-code order has no notify_url: its answer is synchronous
        partnerOrders.partnerSide(order.merchantId(), order.outTradeNo()).filter(p -> p.notifyUrl() != null)
                .ifPresent(partner -> {
            String spMchid = accounts.merchant(partner.providerId()).flatMap(m -> m.mchid()).orElseThrow();
            notifications.record(partner.providerId(), partner.notifyUrl(), NotificationEvent.TRANSACTION_SUCCESS,
                    order.outTradeNo(), json.writeValueAsString(PartnerTransaction.of(order, partner, spMchid, openIds)));
        });
    }
}
