package io.lingqian.marketing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.marketing.internal.CallbackStore;

/** Where a stock creator wants its {@code COUPON.USE} notifications, and whether it wants them. */
@Service
public class CouponCallbacks {

    /** A merchant's COUPON.USE address. */
    public record Callback(String notifyUrl, boolean enabled, Instant updatedAt) {
    }

    private final CallbackStore store;
    private final Clock clock;

    CouponCallbacks(CallbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Transactional
    public Callback set(long merchantId, String notifyUrl, boolean enabled) {
        store.set(merchantId, notifyUrl, enabled, clock.instant());
        return store.of(merchantId).orElseThrow();
    }

    public Optional<Callback> of(long merchantId) {
        return store.of(merchantId);
    }
}
