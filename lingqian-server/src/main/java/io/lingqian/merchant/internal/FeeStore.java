package io.lingqian.merchant.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for {@code merchant_fee_override}. */
@Repository
public class FeeStore {

    public record Override(int rateBp, int settlementDays, String reason) {
    }

    private final JdbcClient jdbc;

    FeeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Override> find(long merchantId) {
        return jdbc.sql("SELECT rate_bp, settlement_days, reason FROM merchant_fee_override WHERE merchant_id = :m")
                .param("m", merchantId).query(Override.class).optional();
    }

    public void upsert(long merchantId, int rateBp, int settlementDays, String reason, long staffId, Instant now) {
        int updated = jdbc.sql("""
                UPDATE merchant_fee_override SET rate_bp = :rate, settlement_days = :days, reason = :reason,
                  set_by = :staff, set_at = :now WHERE merchant_id = :m
                """).param("rate", rateBp).param("days", settlementDays).param("reason", reason)
                .param("staff", staffId).param("now", ApplicationStore.utc(now)).param("m", merchantId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO merchant_fee_override (merchant_id, rate_bp, settlement_days, reason, set_by, set_at)
                    VALUES (:m, :rate, :days, :reason, :staff, :now)
                    """).param("rate", rateBp).param("days", settlementDays).param("reason", reason)
                    .param("staff", staffId).param("now", ApplicationStore.utc(now)).param("m", merchantId).update();
        }
    }
}
