package io.lingqian.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code lingqian.payment.*} settings.
 *
 * @param defaultExpiry  how long an order without {@code time_expire} stays payable: 2 hours, the
 *                       documented validity of a prepay_id (WeChat's own default is disputed)
 * @param minimumExpiry  a {@code time_expire} earlier than this after the order is raised to it (1
 *                       minute, as documented)
 * @param closeInterval  how often the job closes expired orders
 * @param closeBatchSize how many expired orders one run of the job claims at most
 * @param refundWindow   how long after its payment an order can be refunded: 365 days, as WeChat
 *                       Pay documents ("within one year")
 */
@ConfigurationProperties("lingqian.payment")
public record PaymentProperties(@DefaultValue("2h") Duration defaultExpiry, @DefaultValue("1m") Duration minimumExpiry,
                                @DefaultValue("30s") Duration closeInterval,
                                @DefaultValue("500") int closeBatchSize,
                                @DefaultValue("365d") Duration refundWindow) {

    public PaymentProperties {
        if (defaultExpiry.compareTo(minimumExpiry) < 0) {
            throw new IllegalArgumentException("lingqian.payment.default-expiry must be at least the minimum expiry");
        }
        if (closeBatchSize < 1) {
            throw new IllegalArgumentException("lingqian.payment.close-batch-size must be positive");
        }
        if (refundWindow.isNegative() || refundWindow.isZero()) {
            throw new IllegalArgumentException("lingqian.payment.refund-window must be positive");
        }
    }
}
