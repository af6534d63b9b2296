package io.lingqian.wallet.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.wallet.CardCharge;
import io.lingqian.wallet.CardChargeStatus;

/** The SQL for {@code wallet_card_charge}. */
@Repository
public class CardChargeStore {

    private record Row(long id, long userId, long cardId, String bank, long amountFen, String purpose, int attempt, String status,
                       String failureCode, String failureMessage, OffsetDateTime createdAt,
                       OffsetDateTime completedAt) {
        CardCharge toCharge() {
            return new CardCharge(id, userId, cardId, PartnerBank.valueOf(bank), amountFen, purpose, attempt,
                    CardChargeStatus.valueOf(status), failureCode, failureMessage, Sql.instant(createdAt),
                    Sql.instant(completedAt));
        }
    }

    private static final String SELECT = """
            SELECT id, user_id, card_id, bank, amount_fen, purpose, attempt, status, failure_code, failure_message,
                   created_at, completed_at FROM wallet_card_charge""";

    private final JdbcClient jdbc;

    CardChargeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CardCharge> byPurpose(long userId, String purpose) {
        return jdbc.sql(SELECT + " WHERE user_id = :u AND purpose = :p").param("u", userId).param("p", purpose)
                .query(Row.class).optional().map(Row::toCharge);
    }

    public Optional<CardCharge> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional().map(Row::toCharge);
    }

    public CardCharge lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).single().toCharge();
    }

    public List<CardCharge> ofUser(long userId) {
        return jdbc.sql(SELECT + " WHERE user_id = :u ORDER BY id DESC").param("u", userId).query(Row.class).list()
                .stream().map(Row::toCharge).toList();
    }

    public long insert(long userId, long cardId, PartnerBank bank, long amountFen, String purpose, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO wallet_card_charge (user_id, card_id, bank, amount_fen, purpose, status, created_at)
                VALUES (:u, :c, :b, :a, :p, 'SUBMITTED', :now)""")
                .param("u", userId).param("c", cardId).param("b", bank.name()).param("a", amountFen)
                .param("p", purpose).param("now", Sql.utc(now)).update(key, "id");
        return key.getKeyAs(Long.class);
    }

    /** A declined charge tried again, perhaps with another card or amount: a new bank operation. */
    public void retry(long id, long cardId, PartnerBank bank, long amountFen, Instant now) {
        jdbc.sql("""
                UPDATE wallet_card_charge SET card_id = :c, bank = :b, amount_fen = :a, attempt = attempt + 1,
                    status = 'SUBMITTED', failure_code = NULL, failure_message = NULL, created_at = :now,
                    completed_at = NULL WHERE id = :id AND status = 'FAILED'""")
                .param("c", cardId).param("b", bank.name()).param("a", amountFen).param("now", Sql.utc(now))
                .param("id", id).update();
    }

    public void status(long id, CardChargeStatus status, String failureCode, String failureMessage,
            Instant completedAt) {
        jdbc.sql("""
                UPDATE wallet_card_charge SET status = :s, failure_code = :fc, failure_message = :fm,
                    completed_at = :at WHERE id = :id""")
                .param("s", status.name()).param("fc", failureCode).param("fm", failureMessage)
                .param("at", Sql.utc(completedAt)).param("id", id).update();
    }

    /** Charges still without a final answer that were created before {@code before}. */
    public List<Long> unsettled(Instant before, int limit) {
        return jdbc.sql("""
                SELECT id FROM wallet_card_charge WHERE status IN ('SUBMITTED', 'PROCESSING') AND created_at < :b
                ORDER BY id LIMIT :n""").param("b", Sql.utc(before)).param("n", limit).query(Long.class).list();
    }
}
