package io.lingqian.api.v3.marketing;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.lingqian.marketing.Coupon;
import io.lingqian.marketing.CouponCallbacks;
import io.lingqian.marketing.CouponStatus;
import io.lingqian.marketing.CouponUsed;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.NotificationEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the {@code COUPON.USE} notification (reference §6.2) for the stock's creator when one of its
 * coupons is used, in the payment's transaction, if the creator set an address and switched it on.
 * The resource is the coupon as the query answers it, now with {@code consume_information}.
 */
@Component
class CouponUseNotifier {

    private final CouponCallbacks callbacks;
    private final MerchantNotifications notifications;
    private final JsonMapper json;

    CouponUseNotifier(CouponCallbacks callbacks, MerchantNotifications notifications, JsonMapper json) {
        this.callbacks = callbacks;
        this.notifications = notifications;
        this.json = json;
    }

    @EventListener
    void onUsed(CouponUsed used) {
        Long creator = used.coupon().stock().creatorMerchantId();
        if (creator == null) {
            return;
        }
        callbacks.of(creator).filter(CouponCallbacks.Callback::enabled).ifPresent(cb -> {
            Coupon c = used.coupon();
            Coupon usedCoupon = new Coupon(c.id(), c.couponId(), c.userId(), CouponStatus.USED, c.amountFen(), c.minimumFen(), c.createdAt(),
                    used.usedAt(), used.transactionId(), used.mchid(), c.stock());
            notifications.record(creator, cb.notifyUrl(), NotificationEvent.COUPON_USE, c.couponId(),
                    json.writeValueAsString(FavorViews.CouponView.of(usedCoupon)));
        });
    }
}
