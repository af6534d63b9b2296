package io.lingqian.notification;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code lingqian.notification.*} settings.
 *
 * @param timeout        how long the merchant has to answer an attempt: 5 s, as WeChat documents
 * @param connectTimeout how long to wait for the merchant's server to accept the connection
 * @param interval       how often the job looks for due notifications
 * @param batchSize      how many notifications one run of the job claims at most
 * @param allowedHosts   if not empty, the only hosts notifications may be sent to (compared with the
 *                       notify_url's host as written, before any name lookup); tests and closed
 *                       sandboxes set it to loopback so that no notification ever leaves the machine
 * @param deliverOnCommit  whether a notification due at once is handed to the delivery threads as soon as
 *                         the transaction that recorded it commits; the job then only retries and takes
 *                         over after a crash (tests turn it off and run the job by hand)
 * @param deliveryThreads  how many notifications are sent at once, by the hand-off and by each run of the
 *                         job; 0 sends them one by one on the calling thread (the committing request's,
 *                         for the hand-off), which tests use to see a delivery finished when the call returns
 * @param deliveryQueue    how many handed-off notifications may wait for a delivery thread; past that the
 *                         job takes them at its next run
 */
@ConfigurationProperties("lingqian.notification")
public record NotificationProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("3s") Duration connectTimeout,
                                     @DefaultValue("5s") Duration interval, @DefaultValue("50") int batchSize,
                                     @DefaultValue List<String> allowedHosts,
                                     @DefaultValue("true") boolean deliverOnCommit,
                                     @DefaultValue("4") int deliveryThreads,
                                     @DefaultValue("10000") int deliveryQueue) {

    public NotificationProperties {
        if (timeout.isNegative() || timeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("lingqian.notification timeouts must be positive");
        }
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        if (batchSize < 1) {
            throw new IllegalArgumentException("lingqian.notification.batch-size must be positive");
        }
        if (deliveryThreads < 0 || deliveryThreads > 64 || deliveryQueue < 1) {
            throw new IllegalArgumentException("lingqian.notification.delivery-threads must be 0 to 64, "
                    + "delivery-queue positive");
        }
    }
}
