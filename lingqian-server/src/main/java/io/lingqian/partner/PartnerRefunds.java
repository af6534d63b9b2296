package io.lingqian.partner;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.partner.internal.PartnerRefundStore;
import io.lingqian.partner.internal.PartnerStore;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.Refund;
import io.lingqian.payment.Refunds;

/**
 * Refunds a provider asks for on its sub-merchants' orders. The refund is the sub-merchant's own
 * (out of its settlement account, its fee share back to it); what is kept here is where the provider
 * wants the REFUND.* notification: the refund's notify_url, or else the one of the provider's prepay.
 */
@Service
public class PartnerRefunds {

    /** Where and to whom a refund of a partner order is notified. */
    public record Recipient(long providerId, String notifyUrl, PartnerOrder order) {
    }

    private final PartnerRefundStore store;
    private final PartnerStore orders;
    private final Refunds refunds;
    private final Clock clock;

    PartnerRefunds(PartnerRefundStore store, PartnerStore orders, Refunds refunds, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.refunds = refunds;
        this.clock = clock;
    }

    /**
     * Refunds the sub-merchant's order. The notify_url is kept on the partner side before the refund
     * is made, in the same transaction, because a refund to the wallet succeeds (and is notified) at
     * once; the refund itself carries none, so the sub-merchant is never sent the direct shape.
     * Idempotent as {@link Refunds#refund}: the request digest covers the notify_url.
     *
     * @throws io.lingqian.payment.RefundRefusal as {@link Refunds#refund}
     */
    @Transactional
    public Refund refund(SubMerchant sub, NewRefund request) {
        if (request.notifyUrl() != null && store.notifyUrl(sub.merchantId(), request.outRefundNo()).isEmpty()) {
            store.insert(sub.merchantId(), request.outRefundNo(), sub.providerId(), request.notifyUrl(),
                    clock.instant());
        }
        return refunds.refund(sub.merchantId(), new NewRefund(request.transactionId(), request.outTradeNo(),
                request.outRefundNo(), request.reason(), null, request.refundFen(), request.totalFen(),
                request.from(), request.requestDigest()));
    }

    /**
     * Who is told about a refund of a partner order, and where; empty for any other refund and for a
     * refund of a payment-code order that named no notify_url (such an order has none to fall back on).
     */
    public Optional<Recipient> recipientOf(Refund refund) {
        return orders.order(refund.merchantId(), refund.outTradeNo()).flatMap(order -> store
                .notifyUrl(refund.merchantId(), refund.outRefundNo()).or(() -> Optional.ofNullable(order.notifyUrl()))
                .map(url -> new Recipient(order.providerId(), url, order)));
    }
}
