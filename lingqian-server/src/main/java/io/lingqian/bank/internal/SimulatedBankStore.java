package io.lingqian.bank.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for the simulated bank's tables. */
@Repository
class SimulatedBankStore {

    record Challenge(String id, String bank, String cardLast4, String smsCodeSealed, int attemptsLeft, String status,
                     OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    record Operation(String operationId, String kind, String bank, String cardIndex, String cardLast4, long amountFen,
                     String firstAnswer, String outcome, String failureCode, OffsetDateTime createdAt,
                     OffsetDateTime completesAt) {
    }

    private static final String OPERATION = """
            SELECT operation_id, kind, bank, card_index, card_last4, amount_fen, first_answer, outcome, failure_code,
                   created_at, completes_at FROM bank_sim_operation""";

    private final JdbcClient jdbc;

    SimulatedBankStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    void insertChallenge(Challenge c) {
        jdbc.sql("""
                INSERT INTO bank_sim_challenge (id, bank, card_last4, sms_code_sealed, attempts_left, status,
                                                created_at, expires_at)
                VALUES (:id, :bank, :last4, :code, :attempts, :status, :createdAt, :expiresAt)
                """)
                .param("id", c.id()).param("bank", c.bank()).param("last4", c.cardLast4())
                .param("code", c.smsCodeSealed()).param("attempts", c.attemptsLeft()).param("status", c.status())
                .param("createdAt", c.createdAt()).param("expiresAt", c.expiresAt())
                .update();
    }

    /** The challenge, locked until the caller's transaction ends, so two answers cannot both count. */
    Optional<Challenge> lockChallenge(String id) {
        return jdbc.sql("""
                SELECT id, bank, card_last4, sms_code_sealed, attempts_left, status, created_at, expires_at
                FROM bank_sim_challenge WHERE id = :id FOR UPDATE""")
                .param("id", id).query(Challenge.class).optional();
    }

    Optional<Challenge> challenge(String id) {
        return jdbc.sql("""
                SELECT id, bank, card_last4, sms_code_sealed, attempts_left, status, created_at, expires_at
                FROM bank_sim_challenge WHERE id = :id""")
                .param("id", id).query(Challenge.class).optional();
    }

    void updateChallenge(String id, int attemptsLeft, String status) {
        jdbc.sql("UPDATE bank_sim_challenge SET attempts_left = :attempts, status = :status WHERE id = :id")
                .param("attempts", attemptsLeft).param("status", status).param("id", id).update();
    }

    /** Inserts the operation unless one with its id exists; returns whether it was inserted. */
    boolean insertOperation(Operation o) {
        return jdbc.sql("""
                INSERT INTO bank_sim_operation (operation_id, kind, bank, card_index, card_last4, amount_fen,
                                                first_answer, outcome, failure_code, created_at, completes_at)
                SELECT :id, :kind, :bank, :cardIndex, :last4, :amount, :firstAnswer, :outcome, :failureCode,
                       :createdAt, :completesAt
                WHERE NOT EXISTS (SELECT 1 FROM bank_sim_operation WHERE operation_id = :id)
                """)
                .param("id", o.operationId()).param("kind", o.kind()).param("bank", o.bank())
                .param("cardIndex", o.cardIndex()).param("last4", o.cardLast4()).param("amount", o.amountFen())
                .param("firstAnswer", o.firstAnswer()).param("outcome", o.outcome())
                .param("failureCode", o.failureCode()).param("createdAt", o.createdAt())
                .param("completesAt", o.completesAt())
                .update() == 1;
    }

    Optional<Operation> operation(String id) {
        return jdbc.sql(OPERATION + " WHERE operation_id = :id").param("id", id).query(Operation.class).optional();
    }

    List<Operation> completedBetween(String bank, Instant from, Instant until) {
        return jdbc.sql(OPERATION + " " + """
                WHERE bank = :bank AND completes_at >= :from AND completes_at < :until
                ORDER BY completes_at, operation_id""")
                .param("bank", bank).param("from", utc(from)).param("until", utc(until))
                .query(Operation.class).list();
    }
}
