package io.lingqian.partner.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.partner.PartnerOrder;

/** The SQL for {@code partner_provider}, {@code partner_sub_merchant} and {@code partner_order}. */
@Repository
public class PartnerStore {

    /** A provider's binding of a sub-merchant. */
    public record Binding(long merchantId, long providerId, String businessCode, Instant createdAt) {
    }

    private record BindingRow(long merchantId, long providerId, String businessCode, OffsetDateTime createdAt) {
        Binding binding() {
            return new Binding(merchantId, providerId, businessCode, createdAt.toInstant());
        }
    }

    private record OrderRow(long subMerchantId, String outTradeNo, long providerId, String spAppid, String subAppid,
                            String notifyUrl, OffsetDateTime createdAt) {
        PartnerOrder order() {
            return new PartnerOrder(subMerchantId, outTradeNo, providerId, spAppid, subAppid, notifyUrl,
                    createdAt.toInstant());
        }
    }

    private final JdbcClient jdbc;

    PartnerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isProvider(long merchantId) {
        return jdbc.sql("SELECT COUNT(*) FROM partner_provider WHERE merchant_id = :m").param("m", merchantId)
                .query(Long.class).single() > 0;
    }

    public void insertProvider(long merchantId, Instant now) {
        jdbc.sql("INSERT INTO partner_provider (merchant_id, declared_at) VALUES (:m, :now)")
                .param("m", merchantId).param("now", utc(now)).update();
    }

    public void insertSubMerchant(long merchantId, long providerId, String businessCode, Instant now) {
        jdbc.sql("""
                INSERT INTO partner_sub_merchant (merchant_id, provider_id, business_code, created_at)
                VALUES (:m, :p, :code, :now)
                """).param("m", merchantId).param("p", providerId).param("code", businessCode)
                .param("now", utc(now)).update();
    }

    public Optional<Binding> binding(long merchantId) {
        return jdbc.sql("SELECT * FROM partner_sub_merchant WHERE merchant_id = :m").param("m", merchantId)
                .query(BindingRow.class).optional().map(BindingRow::binding);
    }

    public Optional<Binding> bindingByBusinessCode(long providerId, String businessCode) {
        return jdbc.sql("SELECT * FROM partner_sub_merchant WHERE provider_id = :p AND business_code = :code")
                .param("p", providerId).param("code", businessCode).query(BindingRow.class).optional()
                .map(BindingRow::binding);
    }

    /** Newest first. */
    public List<Binding> bindingsOf(long providerId, int limit) {
        return jdbc.sql("""
                SELECT * FROM partner_sub_merchant WHERE provider_id = :p ORDER BY created_at DESC, merchant_id DESC
                LIMIT :limit
                """).param("p", providerId).param("limit", limit).query(BindingRow.class).list().stream()
                .map(BindingRow::binding).toList();
    }

    public Optional<PartnerOrder> order(long subMerchantId, String outTradeNo) {
        return jdbc.sql("SELECT * FROM partner_order WHERE sub_merchant_id = :s AND out_trade_no = :no")
                .param("s", subMerchantId).param("no", outTradeNo).query(OrderRow.class).optional()
                .map(OrderRow::order);
    }

    public void insertOrder(PartnerOrder o) {
        jdbc.sql("""
                INSERT INTO partner_order (sub_merchant_id, out_trade_no, provider_id, sp_appid, sub_appid, notify_url,
                  created_at)
                VALUES (:s, :no, :p, :spAppid, :subAppid, :notifyUrl, :now)
                """).param("s", o.subMerchantId()).param("no", o.outTradeNo()).param("p", o.providerId())
                .param("spAppid", o.spAppid()).param("subAppid", o.subAppid(), java.sql.Types.VARCHAR)
                .param("notifyUrl", o.notifyUrl(), java.sql.Types.VARCHAR).param("now", utc(o.createdAt())).update();
    }

    /** Newest first, over all the provider's sub-merchants. */
    public List<PartnerOrder> ordersOf(long providerId, int limit) {
        return jdbc.sql("""
                SELECT * FROM partner_order WHERE provider_id = :p ORDER BY created_at DESC, out_trade_no LIMIT :limit
                """).param("p", providerId).param("limit", limit).query(OrderRow.class).list().stream()
                .map(OrderRow::order).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
