package io.lingqian.marketing.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.marketing.CouponCallbacks;

/** {@code marketing_callback}: one COUPON.USE address per merchant. */
@Repository
public class CallbackStore {

    private final JdbcClient jdbc;

    CallbackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void set(long merchantId, String notifyUrl, boolean enabled, Instant now) {
        int updated = jdbc.sql("UPDATE marketing_callback SET notify_url = :u, enabled = :e, updated_at = :now"
                        + " WHERE merchant_id = :m")
                .param("u", notifyUrl).param("e", enabled).param("now", StockStore.utc(now)).param("m", merchantId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO marketing_callback (merchant_id, notify_url, enabled, updated_at)"
                            + " VALUES (:m, :u, :e, :now)")
                    .param("u", notifyUrl).param("e", enabled).param("now", StockStore.utc(now))
                    .param("m", merchantId).update();
        }
    }

    public Optional<CouponCallbacks.Callback> of(long merchantId) {
        return jdbc.sql("SELECT notify_url, enabled, updated_at FROM marketing_callback WHERE merchant_id = :m")
                .param("m", merchantId)
                .query((rs, n) -> new CouponCallbacks.Callback(rs.getString(1), rs.getBoolean(2),
                        StockStore.instant(rs, "updated_at")))
                .optional();
    }
}
