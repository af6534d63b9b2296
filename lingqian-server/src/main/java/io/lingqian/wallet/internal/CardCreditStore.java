package io.lingqian.wallet.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.wallet.CardCredit;
import io.lingqian.wallet.MoneyStatus;

/** The SQL for {@code wallet_card_credit}. */
@Repository
public class CardCreditStore {

    private record Row(long id, long userId, Long cardId, String cardSealed, String last4, String bank, long amountFen,
                       String purpose, String status, String failureCode, String failureMessage,
                       OffsetDateTime createdAt, OffsetDateTime completedAt) {
        CardCredit toCredit() {
            return new CardCredit(id, userId, cardId, last4, PartnerBank.valueOf(bank), amountFen, purpose,
                    MoneyStatus.valueOf(status), failureCode, failureMessage, Sql.instant(createdAt),
                    Sql.instant(completedAt));
        }
    }

    private static final String SELECT = """
            SELECT id, user_id, card_id, card_sealed, last4, bank, amount_fen, purpose, status, failure_code,
                   failure_message, created_at, completed_at FROM wallet_card_credit""";

    private final JdbcClient jdbc;

    CardCreditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CardCredit> byPurpose(String purpose) {
        return jdbc.sql(SELECT + " WHERE purpose = :p").param("p", purpose).query(Row.class).optional()
                .map(Row::toCredit);
    }

    public Optional<CardCredit> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional().map(Row::toCredit);
    }

    public CardCredit lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).single().toCredit();
    }

    /** The sealed card number of a credit: for the bank only. */
    public String sealedCard(long id) {
        return jdbc.sql("SELECT card_sealed FROM wallet_card_credit WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    public long insert(long userId, Long cardId, String cardSealed, String last4, PartnerBank bank, long amountFen,
            String purpose, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO wallet_card_credit (user_id, card_id, card_sealed, last4, bank, amount_fen, purpose,
                    status, created_at)
                VALUES (:u, :c, :s, :l, :b, :a, :p, 'SUBMITTED', :now)""")
                .param("u", userId).param("c", cardId).param("s", cardSealed).param("l", last4)
                .param("b", bank.name()).param("a", amountFen).param("p", purpose).param("now", Sql.utc(now))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public void status(long id, MoneyStatus status, String failureCode, String failureMessage, Instant completedAt) {
        jdbc.sql("""
                UPDATE wallet_card_credit SET status = :s, failure_code = :fc, failure_message = :fm,
                    completed_at = :at WHERE id = :id""")
                .param("s", status.name()).param("fc", failureCode).param("fm", failureMessage)
                .param("at", Sql.utc(completedAt)).param("id", id).update();
    }

    /** Credits without a final answer created before {@code before}. */
    public List<Long> unsettled(Instant before, int limit) {
        return jdbc.sql("""
                SELECT id FROM wallet_card_credit WHERE status IN ('SUBMITTED', 'PROCESSING') AND created_at < :b
                ORDER BY id LIMIT :n""").param("b", Sql.utc(before)).param("n", limit).query(Long.class).list();
    }
}
