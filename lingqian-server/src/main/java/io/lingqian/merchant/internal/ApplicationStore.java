package io.lingqian.merchant.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.merchant.Actor;
import io.lingqian.merchant.ApplicationEvent;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.ApplicationState;
import io.lingqian.merchant.MerchantApplication;

/** The SQL for {@code merchant_application}, its rejection reasons and its audit trail. */
@Repository
public class ApplicationStore {

    /** The sealed account number, which leaves this context only to be opened for a payout. */
    public record SealedAccount(String bankName, String holderName, String sealedNumber) {
    }

    private record Row(long id, long merchantId, String state, String legalName, String shortName, String contactName,
                       String contactPhone, String contactEmail, String category, String licenceNumber,
                       String legalRepresentative, String siteUrl, String bankName, String bankAccountName,
                       String bankAccountSealed, String bankAccountLast4, boolean bankAccountVerified, long depositFen,
                       OffsetDateTime depositReceivedAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private record EventRow(long id, long applicationId, String fromState, String toState, String actorKind,
                            long actorId, String actorName, String reason, OffsetDateTime at) {
        ApplicationEvent toEvent() {
            return new ApplicationEvent(id, applicationId, Optional.ofNullable(fromState).map(ApplicationState::valueOf),
                    ApplicationState.valueOf(toState), new Actor(Actor.Kind.valueOf(actorKind), actorId, actorName),
                    reason, at.toInstant());
        }
    }

    private static final String SELECT = "SELECT * FROM merchant_application";

    private final JdbcClient jdbc;

    ApplicationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertDraft(long merchantId, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO merchant_application (merchant_id, state, created_at, updated_at)
                VALUES (:merchantId, 'DRAFT', :now, :now)
                """).param("merchantId", merchantId).param("now", utc(now)).update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public Optional<MerchantApplication> findByMerchant(long merchantId) {
        return jdbc.sql(SELECT + " WHERE merchant_id = :m").param("m", merchantId).query(Row.class).optional()
                .map(this::toApplication);
    }

    public Optional<MerchantApplication> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional()
                .map(this::toApplication);
    }

    /** Locks the application row for a transition, so two reviewers cannot both decide it. */
    public Optional<MerchantApplication> lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).optional()
                .map(this::toApplication);
    }

    /** Oldest first, so the queue is worked in order; {@code state} null lists every state. */
    public List<MerchantApplication> queue(ApplicationState state, int limit) {
        return jdbc.sql(SELECT + " WHERE (CAST(:state AS VARCHAR(16)) IS NULL OR state = :state)"
                        + " ORDER BY updated_at, id LIMIT :limit")
                .param("state", state == null ? null : state.name(), java.sql.Types.VARCHAR)
                .param("limit", limit)
                .query(Row.class).list().stream().map(this::toApplication).toList();
    }

    public Optional<SealedAccount> settlementAccount(long merchantId) {
        return jdbc.sql("""
                SELECT bank_name, bank_account_name, bank_account_sealed FROM merchant_application
                WHERE merchant_id = :m AND bank_account_sealed IS NOT NULL
                """).param("m", merchantId)
                .query((rs, n) -> new SealedAccount(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    public void updateForm(long id, ApplicationForm f, String sealedNumber, String last4, boolean verified,
            Instant now) {
        jdbc.sql("""
                UPDATE merchant_application SET legal_name = :legalName, short_name = :shortName,
                  contact_name = :contactName, contact_phone = :contactPhone, contact_email = :contactEmail,
                  category = :category, licence_number = :licenceNumber, legal_representative = :legalRepresentative,
                  site_url = :siteUrl, bank_name = :bankName, bank_account_name = :bankAccountName,
                  bank_account_sealed = COALESCE(:sealed, bank_account_sealed),
                  bank_account_last4 = COALESCE(:last4, bank_account_last4),
                  bank_account_verified = :verified, updated_at = :now
                WHERE id = :id
                """)
                .param("legalName", f.legalName()).param("shortName", f.shortName())
                .param("contactName", f.contactName()).param("contactPhone", f.contactPhone())
                .param("contactEmail", f.contactEmail()).param("category", f.category())
                .param("licenceNumber", f.licenceNumber()).param("legalRepresentative", f.legalRepresentative())
                .param("siteUrl", f.siteUrl()).param("bankName", f.bankName())
                .param("bankAccountName", f.bankAccountName())
                .param("sealed", sealedNumber, java.sql.Types.VARCHAR).param("last4", last4, java.sql.Types.VARCHAR)
                .param("verified", verified).param("now", utc(now)).param("id", id)
                .update();
    }

    public void updateState(long id, ApplicationState state, Instant now) {
        jdbc.sql("UPDATE merchant_application SET state = :state, updated_at = :now WHERE id = :id")
                .param("state", state.name()).param("now", utc(now)).param("id", id).update();
    }

    public void setDeposit(long id, long depositFen) {
        jdbc.sql("UPDATE merchant_application SET deposit_fen = :d WHERE id = :id")
                .param("d", depositFen).param("id", id).update();
    }

    public void markDepositReceived(long id, Instant now) {
        jdbc.sql("UPDATE merchant_application SET deposit_received_at = :now WHERE id = :id")
                .param("now", utc(now)).param("id", id).update();
    }

    public void replaceRejectionReasons(long id, Map<String, String> reasons) {
        jdbc.sql("DELETE FROM merchant_application_rejection WHERE application_id = :id").param("id", id).update();
        reasons.forEach((field, reason) -> jdbc.sql("""
                INSERT INTO merchant_application_rejection (application_id, field, reason) VALUES (:id, :field, :reason)
                """).param("id", id).param("field", field).param("reason", reason).update());
    }

    public void insertEvent(long applicationId, ApplicationState from, ApplicationState to, Actor actor,
            String reason, Instant now) {
        jdbc.sql("""
                INSERT INTO merchant_application_event
                  (application_id, from_state, to_state, actor_kind, actor_id, actor_name, reason, at)
                VALUES (:app, :from, :to, :kind, :actorId, :actorName, :reason, :at)
                """)
                .param("app", applicationId).param("from", from == null ? null : from.name(), java.sql.Types.VARCHAR)
                .param("to", to.name()).param("kind", actor.kind().name()).param("actorId", actor.id())
                .param("actorName", actor.name()).param("reason", reason).param("at", utc(now))
                .update();
    }

    public List<ApplicationEvent> events(long applicationId) {
        return jdbc.sql("SELECT * FROM merchant_application_event WHERE application_id = :app ORDER BY id")
                .param("app", applicationId).query(EventRow.class).list().stream().map(EventRow::toEvent).toList();
    }

    private MerchantApplication toApplication(Row r) {
        Map<String, String> reasons = new LinkedHashMap<>();
        jdbc.sql("SELECT field, reason FROM merchant_application_rejection WHERE application_id = :id ORDER BY field")
                .param("id", r.id()).query(rs -> {
                    reasons.put(rs.getString(1), rs.getString(2));
                });
        ApplicationForm form = new ApplicationForm(r.legalName(), r.shortName(), r.contactName(), r.contactPhone(),
                r.contactEmail(), r.category(), r.licenceNumber(), r.legalRepresentative(), r.siteUrl(), r.bankName(),
                r.bankAccountName(), null);
        return new MerchantApplication(r.id(), r.merchantId(), ApplicationState.valueOf(r.state()), form,
                Optional.ofNullable(r.bankAccountLast4()), r.bankAccountVerified(), reasons, r.depositFen(),
                Optional.ofNullable(r.depositReceivedAt()).map(OffsetDateTime::toInstant), r.createdAt().toInstant(),
                r.updatedAt().toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
