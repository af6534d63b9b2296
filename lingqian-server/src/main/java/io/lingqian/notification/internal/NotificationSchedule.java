package io.lingqian.notification.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.lingqian.notification.MerchantNotifications;

/** Delivers due notifications on a schedule, unless {@code lingqian.jobs.enabled=false}. */
@Component
@ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
class NotificationSchedule {

    private final MerchantNotifications notifications;

    NotificationSchedule(MerchantNotifications notifications) {
        this.notifications = notifications;
    }

    @Scheduled(fixedDelayString = "${lingqian.notification.interval:5s}",
            initialDelayString = "${lingqian.notification.interval:5s}")
    void deliverDue() {
        notifications.deliverDue();
    }
}
