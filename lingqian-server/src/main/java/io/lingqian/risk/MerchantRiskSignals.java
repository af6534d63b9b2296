package io.lingqian.risk;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.lingqian.payment.OrderPaid;
import io.lingqian.risk.internal.RiskStore;

/**
 * The merchant summary the refund and complaint rate rules read ({@code risk_merchant_stats}):
 * payments are counted here when an order is paid; the refunds and complaints contexts report theirs
 * through {@link #refunded} and {@link #complained}. Instances pick changes up at their next poll.
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

    /** Counted before the payment commits, in its transaction: a rolled-back payment is not counted. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void paid(OrderPaid paid) {
        store.countMerchant(paid.order().merchantId(), 1, 0, 0, clock.instant());
    }
}
