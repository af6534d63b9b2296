package io.lingqian.partner.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.partner.PartnerOrder;

/** Whole-provider reads over {@code partner_sub_merchant} and {@code partner_order}, for bills and the portal. */
@Repository
public class ReachStore {

    private final JdbcClient jdbc;

    ReachStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The provider's latest partner orders, newest first: over all its sub-merchants, or of one of
     * them. Only rows the provider placed, so another provider's orders are never among them.
     */
    public List<PartnerOrder> orders(long providerId, Long subMerchantId, int limit) {
        return jdbc.sql("""
                SELECT * FROM partner_order
                WHERE provider_id = :p AND (CAST(:s AS BIGINT) IS NULL OR sub_merchant_id = :s)
                ORDER BY created_at DESC, out_trade_no LIMIT :limit
                """).param("p", providerId).param("s", subMerchantId, java.sql.Types.BIGINT).param("limit", limit)
                .query((rs, n) -> new PartnerOrder(rs.getLong("sub_merchant_id"), rs.getString("out_trade_no"),
                        rs.getLong("provider_id"), rs.getString("sp_appid"), rs.getString("sub_appid"),
                        rs.getString("notify_url"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Every sub-merchant of the provider, in the order they were onboarded. */
    public List<Long> subMerchantIds(long providerId) {
        return jdbc.sql("SELECT merchant_id FROM partner_sub_merchant WHERE provider_id = :p ORDER BY created_at, merchant_id")
                .param("p", providerId).query(Long.class).list();
    }
}
