package io.lingqian.api.v3.refund;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.payment.Refund;
import io.lingqian.payment.RefundChanged;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL} or {@code REFUND.CLOSED} notification of
 * a refund that entered that status. A plain listener runs inside the refund's transaction, so the
 * notification exists exactly when the change committed. The resource is the refund notification of
 * reference §4 (note {@code refund_status}, not {@code status}).
 */
@Component
class RefundNotifier {

    private final MerchantNotifications notifications;
    private final JsonMapper json;

    RefundNotifier(MerchantNotifications notifications, JsonMapper json) {
        this.notifications = notifications;
        this.json = json;
    }

    @EventListener
    void onChanged(RefundChanged changed) {
        if (changed.notifyUrl() == null) {
            // Neither the refund nor its order named one: a v2 payment-code order, or a service
            // provider's order (partner notifications go to the provider, see docs/service-providers.md)
            return;
        }
        Refund r = changed.refund();
        NotificationEvent event = switch (r.status()) {
            case SUCCESS -> NotificationEvent.REFUND_SUCCESS;
            case ABNORMAL -> NotificationEvent.REFUND_ABNORMAL;
            case CLOSED -> NotificationEvent.REFUND_CLOSED;
            case PROCESSING -> throw new IllegalStateException("PROCESSING is not notified");
        };
        RefundNotice notice = new RefundNotice(r.mchid(), r.outTradeNo(), r.transactionId(), r.outRefundNo(),
                r.refundId(), r.status().name(), RefundView.time(r.successTime()),
                r.destination().userReceivedAccount(),
                new NoticeAmount(r.totalFen(), r.refundFen(), r.payerTotalFen(), r.payerRefundFen()));
        notifications.record(r.merchantId(), changed.notifyUrl(), event, r.outRefundNo(),
                json.writeValueAsString(notice));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RefundNotice(String mchid, @JsonProperty("out_trade_no") String outTradeNo,
                        @JsonProperty("transaction_id") String transactionId,
                        @JsonProperty("out_refund_no") String outRefundNo, @JsonProperty("refund_id") String refundId,
                        @JsonProperty("refund_status") String refundStatus,
                        @JsonProperty("success_time") String successTime,
                        @JsonProperty("user_received_account") String userReceivedAccount, NoticeAmount amount) {
    }

    record NoticeAmount(long total, long refund, @JsonProperty("payer_total") long payerTotal,
                        @JsonProperty("payer_refund") long payerRefund) {
    }
}
