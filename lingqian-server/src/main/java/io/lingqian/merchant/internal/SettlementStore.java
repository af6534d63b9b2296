package io.lingqian.merchant.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.merchant.Settlement;
import io.lingqian.merchant.SettlementState;

/** The SQL for {@code merchant_settlement}. */
@Repository
public class SettlementStore {

    /** A settlement with where its accrual stopped in the merchant's statement. */
    public record Row(Settlement settlement, long throughSeq) {
    }

    /** The figures of a new settlement. */
    public record NewSettlement(long merchantId, LocalDate settlementDate, LocalDate tradedThrough, long throughSeq,
                                long accruedFen, long paymentsFen, long refundsFen, long feesFen, long otherFen,
                                long amountFen, SettlementState state, int attempts, String payingBank) {
    }

    private record DbRow(long id, long merchantId, LocalDate settlementDate, LocalDate tradedThrough, long throughSeq,
                         long accruedFen, long paymentsFen, long refundsFen, long feesFen, long otherFen,
                         long amountFen, String state, int attempts, String payingBank, String lastError,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        Row toRow() {
            return new Row(new Settlement(id, merchantId, settlementDate, tradedThrough, paymentsFen, refundsFen,
                    feesFen, otherFen, accruedFen, amountFen, SettlementState.valueOf(state), attempts, payingBank,
                    Optional.ofNullable(lastError), createdAt.toInstant(), updatedAt.toInstant()), throughSeq);
        }
    }

    private static final String SELECT = "SELECT * FROM merchant_settlement";

    private final JdbcClient jdbc;

    SettlementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the merchant's day is settled already */
    public long insert(NewSettlement s, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO merchant_settlement (merchant_id, settlement_date, traded_through, through_seq, accrued_fen,
                  payments_fen, refunds_fen, fees_fen, other_fen, amount_fen, state, attempts, paying_bank,
                  created_at, updated_at)
                VALUES (:merchantId, :settlementDate, :tradedThrough, :throughSeq, :accrued, :payments, :refunds,
                  :fees, :other, :amount, :state, :attempts, :bank, :now, :now)
                """)
                .param("merchantId", s.merchantId()).param("settlementDate", s.settlementDate())
                .param("tradedThrough", s.tradedThrough()).param("throughSeq", s.throughSeq())
                .param("accrued", s.accruedFen()).param("payments", s.paymentsFen()).param("refunds", s.refundsFen())
                .param("fees", s.feesFen()).param("other", s.otherFen()).param("amount", s.amountFen())
                .param("state", s.state().name()).param("attempts", s.attempts()).param("bank", s.payingBank())
                .param("now", ApplicationStore.utc(now))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(DbRow.class).optional().map(DbRow::toRow);
    }

    public Optional<Row> find(long merchantId, LocalDate date) {
        return jdbc.sql(SELECT + " WHERE merchant_id = :m AND settlement_date = :d FOR UPDATE")
                .param("m", merchantId).param("d", date).query(DbRow.class).optional().map(DbRow::toRow);
    }

    /** The merchant's latest settlement before {@code date}: where the next accrual starts. */
    public Optional<Row> latestBefore(long merchantId, LocalDate date) {
        return jdbc.sql(SELECT + " WHERE merchant_id = :m AND settlement_date < :d ORDER BY settlement_date DESC LIMIT 1")
                .param("m", merchantId).param("d", date).query(DbRow.class).optional().map(DbRow::toRow);
    }

    /** What settlements other than {@code exceptId} have paid out or may have. */
    public long committedFen(long merchantId, long exceptId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(amount_fen), 0) FROM merchant_settlement
                WHERE merchant_id = :m AND id <> :except AND state IN ('IN_TRANSIT', 'UNKNOWN', 'PAID')
                """).param("m", merchantId).param("except", exceptId).query(Long.class).single();
    }

    /** Payouts of the merchant sent to the bank and not yet confirmed or refused. */
    public long inTransitFen(long merchantId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(amount_fen), 0) FROM merchant_settlement
                WHERE merchant_id = :m AND state IN ('IN_TRANSIT', 'UNKNOWN')""")
                .param("m", merchantId).query(Long.class).single();
    }

    public long paidFen(long merchantId) {
        return jdbc.sql("SELECT COALESCE(SUM(amount_fen), 0) FROM merchant_settlement WHERE merchant_id = :m AND state = 'PAID'")
                .param("m", merchantId).query(Long.class).single();
    }

    public List<Settlement> ofMerchant(long merchantId, int limit) {
        return jdbc.sql(SELECT + " WHERE merchant_id = :m ORDER BY settlement_date DESC LIMIT :limit")
                .param("m", merchantId).param("limit", limit)
                .query(DbRow.class).list().stream().map(r -> r.toRow().settlement()).toList();
    }

    public List<Settlement> inStates(List<SettlementState> states, int limit) {
        return jdbc.sql(SELECT + " WHERE state IN (:states) ORDER BY updated_at, id LIMIT :limit")
                .param("states", states.stream().map(Enum::name).toList()).param("limit", limit)
                .query(DbRow.class).list().stream().map(r -> r.toRow().settlement()).toList();
    }

    /** Starts another attempt of a failed settlement, if it is still FAILED with that many attempts. */
    public boolean retry(long id, int attempts, long amountFen, Instant now) {
        return jdbc.sql("""
                UPDATE merchant_settlement SET state = 'IN_TRANSIT', attempts = :next, amount_fen = :amount,
                  updated_at = :now WHERE id = :id AND state = 'FAILED' AND attempts = :attempts
                """).param("next", attempts + 1).param("amount", amountFen).param("now", ApplicationStore.utc(now))
                .param("id", id).param("attempts", attempts).update() == 1;
    }

    /** The reserve could not cover this attempt: it waits, nothing having moved or been sent. */
    public void waiting(long id, int attempts, String reason, Instant now) {
        jdbc.sql("""
                UPDATE merchant_settlement SET state = 'WAITING', last_error = :reason, updated_at = :now
                WHERE id = :id AND attempts = :attempts AND state = 'IN_TRANSIT'
                """).param("reason", reason).param("now", ApplicationStore.utc(now)).param("id", id)
                .param("attempts", attempts).update();
    }

    /** Sends a waiting settlement after all, under the same attempt, if it is still WAITING. */
    public boolean resume(long id, int attempts, long amountFen, Instant now) {
        return jdbc.sql("""
                UPDATE merchant_settlement SET state = 'IN_TRANSIT', amount_fen = :amount, last_error = NULL,
                  updated_at = :now WHERE id = :id AND state = 'WAITING' AND attempts = :attempts
                """).param("amount", amountFen).param("now", ApplicationStore.utc(now)).param("id", id)
                .param("attempts", attempts).update() == 1;
    }

    /** A waiting settlement whose money was spent meanwhile (refunds): nothing is due after all. */
    public void nothingDue(long id, int attempts, Instant now) {
        jdbc.sql("""
                UPDATE merchant_settlement SET state = 'NOTHING_DUE', amount_fen = 0, updated_at = :now
                WHERE id = :id AND state = 'WAITING' AND attempts = :attempts
                """).param("now", ApplicationStore.utc(now)).param("id", id).param("attempts", attempts).update();
    }

    /**
     * Records the bank's answer for one attempt; false when that attempt was already resolved (by
     * another instance), so its ledger postings must not be made again.
     */
    public boolean resolve(long id, int attempts, SettlementState to, String error, Instant now) {
        return jdbc.sql("""
                UPDATE merchant_settlement SET state = :to, last_error = :error, updated_at = :now
                WHERE id = :id AND attempts = :attempts AND state IN ('IN_TRANSIT', 'UNKNOWN')
                """).param("to", to.name()).param("error", error, java.sql.Types.VARCHAR)
                .param("now", ApplicationStore.utc(now)).param("id", id).param("attempts", attempts).update() == 1;
    }
}
