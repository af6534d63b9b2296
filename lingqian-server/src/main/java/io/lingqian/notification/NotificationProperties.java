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
 */
@ConfigurationProperties("lingqian.notification")
public record NotificationProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("3s") Duration connectTimeout,
                                     @DefaultValue("5s") Duration interval, @DefaultValue("50") int batchSize,
                                     @DefaultValue List<String> allowedHosts) {

    public NotificationProperties {
        if (timeout.isNegative() || timeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("lingqian.notification timeouts must be positive");
        }
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        if (batchSize < 1) {
            throw new IllegalArgumentException("lingqian.notification.batch-size must be positive");
        }
    }
}
