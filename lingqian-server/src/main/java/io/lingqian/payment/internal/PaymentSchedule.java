package io.lingqian.payment.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.payment.PaymentOrders;

/** Closes expired unpaid orders on a schedule, unless {@code lingqian.jobs.enabled=false}. */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class PaymentSchedule {

    private final PaymentOrders orders;

    PaymentSchedule(PaymentOrders orders) {
        this.orders = orders;
    }

    @Scheduled(fixedDelayString = "${lingqian.payment.close-interval:30s}",
            initialDelayString = "${lingqian.payment.close-interval:30s}")
    void closeExpired() {
        orders.closeExpired();
    }
}
