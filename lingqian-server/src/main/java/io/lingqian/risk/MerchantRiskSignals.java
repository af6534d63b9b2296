package io.lingqian.risk;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.payment.OrderPaid;
import io.lingqian.payment.RefundChanged;
import io.lingqian.payment.RefundStatus;
import io.lingqian.risk.internal.RiskStore;

/**
 * The merchant summary the refund and complaint rate rules read ({@code risk_merchant_stats}):
 * payments are counted here when an order is paid and refunds when one succeeds (payment does not depend
 * on risk, so it is told by {@link RefundChanged}); the complaints context reports its own through
 * {@link #complained}. Instances pick changes up at their next poll.
 */
@Service
public class MerchantRiskSignals {

    private final RiskStore store;
    private final Clock clock;

    MerchantRiskSignals(RiskStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A refund of one of the merchant's payments (call once per refund, in the refund's transaction). */
    @Transactional
    public void refunded(long merchantId) {
        store.countMerchant(merchantId, 0, 1, 0, clock.instant());
    }

    /** A complaint about one of the merchant's payments. */
    @Transactional
    public void complained(long merchantId) {
        store.countMerchant(merchantId, 0, 0, 1, clock.instant());
    }

    /**
     * A refund counts once, when it succeeds (a refund enters SUCCESS at most once, whatever the card's
     * bank did before), in the refund's transaction: a rolled-back refund is not counted.
     */
    @EventListener
    void refundChanged(RefundChanged changed) {
        if (changed.refund().status() == RefundStatus.SUCCESS) {
            refunded(changed.refund().merchantId());
        }
    }

    /**
     * Counted in the payment's transaction, so a rolled-back payment is not counted; when the order
     * is paid rather than just before commit, because the payment posts to the ledger last and the
     * accounts it locks there (the platform's fee income is every payment's) must be held for as few
     * statements as possible.
     */
    @EventListener
    void paid(OrderPaid paid) {
        store.countMerchant(paid.order().merchantId(), 1, 0, 0, clock.instant());
    }
}
