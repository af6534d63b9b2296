package io.lingqian.partner.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.partner.Commission;

/** The SQL for {@code partner_commission}. */
@Repository
public class CommissionStore {

    private record Row(long settlementId, long providerId, long subMerchantId, LocalDate settlementDate, long feesFen,
                       int basisPoints, long commissionFen, OffsetDateTime createdAt) {
        Commission commission() {
            return new Commission(settlementId, providerId, subMerchantId, settlementDate, feesFen, basisPoints,
                    commissionFen, createdAt.toInstant());
        }
    }

    private final JdbcClient jdbc;

    CommissionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Commission c) {
        jdbc.sql("""
                INSERT INTO partner_commission (settlement_id, provider_id, sub_merchant_id, settlement_date, fees_fen,
                  basis_points, commission_fen, created_at)
                VALUES (:s, :p, :sub, :day, :fees, :bp, :commission, :now)
                """).param("s", c.settlementId()).param("p", c.providerId()).param("sub", c.subMerchantId())
                .param("day", c.settlementDate()).param("fees", c.feesFen()).param("bp", c.basisPoints())
                .param("commission", c.commissionFen())
                .param("now", OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC)).update();
    }

    /** Newest first. */
    public List<Commission> ofProvider(long providerId, int limit) {
        return jdbc.sql("""
                SELECT * FROM partner_commission WHERE provider_id = :p
                ORDER BY settlement_date DESC, settlement_id DESC LIMIT :limit
                """).param("p", providerId).param("limit", limit).query(Row.class).list().stream()
                .map(Row::commission).toList();
    }

    public long totalOf(long providerId) {
        return jdbc.sql("SELECT COALESCE(SUM(commission_fen), 0) FROM partner_commission WHERE provider_id = :p")
                .param("p", providerId).query(Long.class).single();
    }
}
