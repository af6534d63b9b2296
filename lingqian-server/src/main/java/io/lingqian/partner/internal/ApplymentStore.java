package io.lingqian.partner.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for {@code partner_applyment}. */
@Repository
public class ApplymentStore {

    /** One row; {@code sensitiveSealed} and {@code signTokenSealed} are opened only by the service. */
    public record Row(long applymentId, long providerId, long subMerchantId, String businessCode, String stage,
                      String checkRejections, String contentDigest, String sensitiveSealed, String signTokenSealed,
                      String signTokenIndex, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private final JdbcClient jdbc;

    ApplymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the applyment_id is taken (the caller draws another) */
    public boolean insert(Row r) {
        if (jdbc.sql("SELECT COUNT(*) FROM partner_applyment WHERE applyment_id = :id").param("id", r.applymentId())
                .query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO partner_applyment (applyment_id, provider_id, sub_merchant_id, business_code, stage,
                  check_rejections, content_digest, sensitive_sealed, sign_token_sealed, sign_token_index,
                  created_at, updated_at)
                VALUES (:id, :provider, :sub, :code, :stage, :rejections, :digest, :sensitive, :tokenSealed,
                  :tokenIndex, :created, :updated)
                """).param("id", r.applymentId()).param("provider", r.providerId()).param("sub", r.subMerchantId())
                .param("code", r.businessCode()).param("stage", r.stage())
                .param("rejections", r.checkRejections(), java.sql.Types.VARCHAR)
                .param("digest", r.contentDigest()).param("sensitive", r.sensitiveSealed())
                .param("tokenSealed", r.signTokenSealed()).param("tokenIndex", r.signTokenIndex())
                .param("created", r.createdAt()).param("updated", r.updatedAt()).update();
        return true;
    }

    /** A resubmission: new content, new stage. */
    public void updateContent(long applymentId, String stage, String checkRejections, String contentDigest,
            String sensitiveSealed, Instant now) {
        jdbc.sql("""
                UPDATE partner_applyment SET stage = :stage, check_rejections = :rejections, content_digest = :digest,
                  sensitive_sealed = :sensitive, updated_at = :now WHERE applyment_id = :id
                """).param("stage", stage).param("rejections", checkRejections, java.sql.Types.VARCHAR)
                .param("digest", contentDigest).param("sensitive", sensitiveSealed).param("now", utc(now))
                .param("id", applymentId).update();
    }

    public void updateStage(long applymentId, String stage, Instant now) {
        jdbc.sql("UPDATE partner_applyment SET stage = :stage, updated_at = :now WHERE applyment_id = :id")
                .param("stage", stage).param("now", utc(now)).param("id", applymentId).update();
    }

    public Optional<Row> byBusinessCode(long providerId, String businessCode) {
        return jdbc.sql("SELECT * FROM partner_applyment WHERE provider_id = :p AND business_code = :code")
                .param("p", providerId).param("code", businessCode).query(Row.class).optional();
    }

    public Optional<Row> byId(long applymentId) {
        return jdbc.sql("SELECT * FROM partner_applyment WHERE applyment_id = :id").param("id", applymentId)
                .query(Row.class).optional();
    }

    /** Locks the row for a transition, so two clicks on the sign link cannot both act. */
    public Optional<Row> lockBySignToken(String signTokenIndex) {
        return jdbc.sql("SELECT * FROM partner_applyment WHERE sign_token_index = :t FOR UPDATE")
                .param("t", signTokenIndex).query(Row.class).optional();
    }

    public Optional<Row> bySignToken(String signTokenIndex) {
        return jdbc.sql("SELECT * FROM partner_applyment WHERE sign_token_index = :t")
                .param("t", signTokenIndex).query(Row.class).optional();
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
