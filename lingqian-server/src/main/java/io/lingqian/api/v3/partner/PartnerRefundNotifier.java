package io.lingqian.api.v3.partner;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.partner.PartnerRefunds;
import io.lingqian.payment.Refund;
import io.lingqian.payment.RefundChanged;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the partner-shape {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL} or {@code REFUND.CLOSED}
 * notification of a refund of an order a provider placed, for the provider: encrypted with the
 * provider's APIv3 key and sent to the refund's notify_url, or else to the one of the prepay. The
 * resource is the partner refund notification: {@code sp_mchid} and {@code sub_mchid} where the
 * direct one has {@code mchid}. Inside the refund's transaction, like the direct notifier (which
 * skips these refunds: neither they nor their orders carry a notify_url of their own).
 */
@Component
class PartnerRefundNotifier {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final PartnerRefunds partnerRefunds;
    private final MerchantAccounts accounts;
    private final MerchantNotifications notifications;
    private final JsonMapper json;

    PartnerRefundNotifier(PartnerRefunds partnerRefunds, MerchantAccounts accounts,
            MerchantNotifications notifications, JsonMapper json) {
        this.partnerRefunds = partnerRefunds;
        this.accounts = accounts;
        this.notifications = notifications;
        this.json = json;
    }

    @EventListener
    void onChanged(RefundChanged changed) {
        Refund r = changed.refund();
        partnerRefunds.recipientOf(r).ifPresent(to -> {
            NotificationEvent event = switch (r.status()) {
                case SUCCESS -> NotificationEvent.REFUND_SUCCESS;
                case ABNORMAL -> NotificationEvent.REFUND_ABNORMAL;
                case CLOSED -> NotificationEvent.REFUND_CLOSED;
                case PROCESSING -> throw new IllegalStateException("PROCESSING is not notified");
            };
            String spMchid = accounts.merchant(to.providerId()).flatMap(m -> m.mchid()).orElseThrow();
            var notice = new PartnerRefundNotice(spMchid, r.mchid(), r.outTradeNo(), r.transactionId(),
                    r.outRefundNo(), r.refundId(), r.status().name(),
                    r.successTime() == null ? null : RFC3339.format(r.successTime()),
                    r.destination().userReceivedAccount(),
                    new NoticeAmount(r.totalFen(), r.refundFen(), r.payerTotalFen(), r.payerRefundFen()));
            notifications.record(to.providerId(), to.notifyUrl(), event, r.outRefundNo(),
                    json.writeValueAsString(notice));
        });
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PartnerRefundNotice(@JsonProperty("sp_mchid") String spMchid, @JsonProperty("sub_mchid") String subMchid,
                               @JsonProperty("out_trade_no") String outTradeNo,
                               @JsonProperty("transaction_id") String transactionId,
                               @JsonProperty("out_refund_no") String outRefundNo,
                               @JsonProperty("refund_id") String refundId,
                               @JsonProperty("refund_status") String refundStatus,
                               @JsonProperty("success_time") String successTime,
                               @JsonProperty("user_received_account") String userReceivedAccount,
                               NoticeAmount amount) {
    }

    record NoticeAmount(long total, long refund, @JsonProperty("payer_total") long payerTotal,
                        @JsonProperty("payer_refund") long payerRefund) {
    }
}
