package io.lingqian.wallet.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.wallet.MoneyStatus;
import io.lingqian.wallet.TopUp;
import io.lingqian.wallet.Withdrawal;

/** The SQL for {@code wallet_topup} and {@code wallet_withdrawal}. */
@Repository
public class MoneyStore {

    private record TopUpRow(long id, long userId, long cardId, String bank, long amountFen, String clientRequestId,
                            String status, String failureCode, String failureMessage, OffsetDateTime createdAt,
                            OffsetDateTime completedAt) {
        TopUp toTopUp() {
            return new TopUp(id, userId, cardId, PartnerBank.valueOf(bank), amountFen, clientRequestId,
                    MoneyStatus.valueOf(status), failureCode, failureMessage, Sql.instant(createdAt),
                    Sql.instant(completedAt));
        }
    }

    private record WithdrawalRow(long id, long userId, long identityId, long cardId, String bank, long amountFen,
                                 long feeFen, long freeQuotaUsedFen, String clientRequestId, String status,
                                 String failureCode, String failureMessage, OffsetDateTime createdAt,
                                 OffsetDateTime completedAt) {
        Withdrawal toWithdrawal() {
            return new Withdrawal(id, userId, identityId, cardId, PartnerBank.valueOf(bank), amountFen, feeFen,
                    freeQuotaUsedFen, clientRequestId, MoneyStatus.valueOf(status), failureCode, failureMessage,
                    Sql.instant(createdAt), Sql.instant(completedAt));
        }
    }

    private static final String TOPUP = """
            SELECT id, user_id, card_id, bank, amount_fen, client_request_id, status, failure_code, failure_message,
                   created_at, completed_at FROM wallet_topup""";
    private static final String WITHDRAWAL = """
            SELECT id, user_id, identity_id, card_id, bank, amount_fen, fee_fen, free_quota_used_fen,
                   client_request_id, status, failure_code, failure_message, created_at, completed_at
            FROM wallet_withdrawal""";

    private final JdbcClient jdbc;

    MoneyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TopUp> topUpByRequest(long userId, String clientRequestId) {
        return jdbc.sql(TOPUP + " WHERE user_id = :u AND client_request_id = :r").param("u", userId)
                .param("r", clientRequestId).query(TopUpRow.class).optional().map(TopUpRow::toTopUp);
    }

    public Optional<TopUp> topUp(long id) {
        return jdbc.sql(TOPUP + " WHERE id = :id").param("id", id).query(TopUpRow.class).optional()
                .map(TopUpRow::toTopUp);
    }

    public TopUp lockTopUp(long id) {
        return jdbc.sql(TOPUP + " WHERE id = :id FOR UPDATE").param("id", id).query(TopUpRow.class).single().toTopUp();
    }

    public List<TopUp> topUps(long userId) {
        return jdbc.sql(TOPUP + " WHERE user_id = :u ORDER BY id DESC").param("u", userId).query(TopUpRow.class)
                .list().stream().map(TopUpRow::toTopUp).toList();
    }

    public long insertTopUp(long userId, long cardId, PartnerBank bank, long amountFen, String clientRequestId,
            Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO wallet_topup (user_id, card_id, bank, amount_fen, client_request_id, status, created_at)
                VALUES (:u, :c, :b, :a, :r, 'SUBMITTED', :now)""")
                .param("u", userId).param("c", cardId).param("b", bank.name()).param("a", amountFen)
                .param("r", clientRequestId).param("now", Sql.utc(now)).update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public void topUpStatus(long id, MoneyStatus status, String failureCode, String failureMessage, Instant completedAt) {
        jdbc.sql("""
                UPDATE wallet_topup SET status = :s, failure_code = :fc, failure_message = :fm, completed_at = :at
                WHERE id = :id""")
                .param("s", status.name()).param("fc", failureCode).param("fm", failureMessage)
                .param("at", Sql.utc(completedAt)).param("id", id).update();
    }

    public Optional<Withdrawal> withdrawalByRequest(long userId, String clientRequestId) {
        return jdbc.sql(WITHDRAWAL + " WHERE user_id = :u AND client_request_id = :r").param("u", userId)
                .param("r", clientRequestId).query(WithdrawalRow.class).optional().map(WithdrawalRow::toWithdrawal);
    }

    public Optional<Withdrawal> withdrawal(long id) {
        return jdbc.sql(WITHDRAWAL + " WHERE id = :id").param("id", id).query(WithdrawalRow.class).optional()
                .map(WithdrawalRow::toWithdrawal);
    }

    public Withdrawal lockWithdrawal(long id) {
        return jdbc.sql(WITHDRAWAL + " WHERE id = :id FOR UPDATE").param("id", id).query(WithdrawalRow.class)
                .single().toWithdrawal();
    }

    public List<Withdrawal> withdrawals(long userId) {
        return jdbc.sql(WITHDRAWAL + " WHERE user_id = :u ORDER BY id DESC").param("u", userId)
                .query(WithdrawalRow.class).list().stream().map(WithdrawalRow::toWithdrawal).toList();
    }

    public long insertWithdrawal(long userId, long identityId, long cardId, PartnerBank bank, long amountFen,
            long feeFen, long freeQuotaUsedFen, String clientRequestId, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO wallet_withdrawal (user_id, identity_id, card_id, bank, amount_fen, fee_fen,
                    free_quota_used_fen, client_request_id, status, created_at)
                VALUES (:u, :i, :c, :b, :a, :f, :q, :r, 'SUBMITTED', :now)""")
                .param("u", userId).param("i", identityId).param("c", cardId).param("b", bank.name())
                .param("a", amountFen).param("f", feeFen).param("q", freeQuotaUsedFen).param("r", clientRequestId)
                .param("now", Sql.utc(now)).update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public void withdrawalStatus(long id, MoneyStatus status, String failureCode, String failureMessage,
            Instant completedAt) {
        jdbc.sql("""
                UPDATE wallet_withdrawal SET status = :s, failure_code = :fc, failure_message = :fm, completed_at = :at
                WHERE id = :id""")
                .param("s", status.name()).param("fc", failureCode).param("fm", failureMessage)
                .param("at", Sql.utc(completedAt)).param("id", id).update();
    }

    /** Ids of top-ups without a final answer, oldest first, at most {@code limit}. */
    public List<Long> unsettledTopUps(int limit) {
        return jdbc.sql("SELECT id FROM wallet_topup WHERE status IN ('SUBMITTED', 'PROCESSING') ORDER BY id LIMIT :n")
                .param("n", limit).query(Long.class).list();
    }

    public List<Long> unsettledWithdrawals(int limit) {
        return jdbc.sql("""
                SELECT id FROM wallet_withdrawal WHERE status IN ('SUBMITTED', 'PROCESSING') ORDER BY id LIMIT :n""")
                .param("n", limit).query(Long.class).list();
    }
}
