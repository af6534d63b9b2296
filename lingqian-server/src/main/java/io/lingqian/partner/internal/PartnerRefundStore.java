package io.lingqian.partner.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for {@code partner_refund}: where a provider asked to be told about a refund. */
@Repository
public class PartnerRefundStore {

    private final JdbcClient jdbc;

    PartnerRefundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> notifyUrl(long subMerchantId, String outRefundNo) {
        return jdbc.sql("SELECT notify_url FROM partner_refund WHERE sub_merchant_id = :s AND out_refund_no = :no")
                .param("s", subMerchantId).param("no", outRefundNo).query(String.class).optional();
    }

    public void insert(long subMerchantId, String outRefundNo, long providerId, String notifyUrl, Instant now) {
        jdbc.sql("""
                INSERT INTO partner_refund (sub_merchant_id, out_refund_no, provider_id, notify_url, created_at)
                VALUES (:s, :no, :p, :url, :now)
                """).param("s", subMerchantId).param("no", outRefundNo).param("p", providerId)
                .param("url", notifyUrl).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
    }
}
