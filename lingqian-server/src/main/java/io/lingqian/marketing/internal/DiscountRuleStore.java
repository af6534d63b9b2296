package io.lingqian.marketing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.marketing.DiscountRule;
import io.lingqian.marketing.DiscountStatus;
import io.lingqian.marketing.NewDiscountRule;
import io.lingqian.marketing.StockFunding;

/** {@code marketing_discount_rule} and {@code marketing_discount_use}: counters change only under the row lock. */
@Repository
public class DiscountRuleStore {

    private static final String COLUMNS = """
            id, rule_id, owner_merchant_id, owner_mchid, category, name, funding, min_amount_fen, max_amount_fen,
            threshold_fen, budget_fen, per_user_daily, per_user_total, status, funding_account_id, used_count,
            used_fen, created_at""";

    private final JdbcClient jdbc;

    DiscountRuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String ruleId, Long ownerMerchantId, String ownerMchid, String requestKey, NewDiscountRule r,
            Long fundingAccountId, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO marketing_discount_rule (rule_id, owner_merchant_id, owner_mchid, request_key, category, name, funding,
                    min_amount_fen, max_amount_fen, threshold_fen, budget_fen, per_user_daily, per_user_total, status,
                    funding_account_id, created_at)
                VALUES (:rule, :owner, :mchid, :key, :category, :name, :funding, :min, :max, :threshold, :budget, :daily,
                    :total, 'ACTIVE', :account, :now)""")
                .param("rule", ruleId).param("owner", ownerMerchantId).param("mchid", ownerMchid).param("key", requestKey)
                .param("category", r.category()).param("name", r.name()).param("funding", r.funding().name())
                .param("min", r.minAmountFen()).param("max", r.maxAmountFen()).param("threshold", r.thresholdFen())
                .param("budget", r.budgetFen()).param("daily", r.perUserDaily()).param("total", r.perUserTotal())
                .param("account", fundingAccountId).param("now", StockStore.utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<DiscountRule> byRuleId(String ruleId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_discount_rule WHERE rule_id = :rule")
                .param("rule", ruleId).query(DiscountRuleStore::row).optional();
    }

    public Optional<DiscountRule> byRequest(String ownerMchid, String requestKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_discount_rule WHERE owner_mchid = :mchid AND request_key = :key")
                .param("mchid", ownerMchid).param("key", requestKey).query(DiscountRuleStore::row).optional();
    }

    public List<DiscountRule> ofOwner(String ownerMchid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_discount_rule WHERE owner_mchid = :mchid ORDER BY id DESC")
                .param("mchid", ownerMchid).query(DiscountRuleStore::row).list();
    }

    /** The rule under a row lock until the transaction ends. */
    public DiscountRule lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_discount_rule WHERE id = :id FOR UPDATE")
                .param("id", id).query(DiscountRuleStore::row).single();
    }

    /**
     * The ACTIVE rules for a payment to this merchant (its own, and the platform's for its category),
     * locked in id order (one order for every payer, so two payments never deadlock).
     */
    public List<DiscountRule> lockActiveFor(long merchantId, String category) {
        return jdbc.sql("SELECT " + COLUMNS + "\n" + """
                 FROM marketing_discount_rule
                 WHERE status = 'ACTIVE' AND ((owner_merchant_id = :merchant AND category IS NULL)
                     OR (owner_merchant_id IS NULL AND category = :category))
                 ORDER BY id FOR UPDATE""")
                .param("merchant", merchantId).param("category", category == null ? "" : category)
                .query(DiscountRuleStore::row).list();
    }

    public void status(long id, DiscountStatus from, DiscountStatus to, Instant now) {
        int n = jdbc.sql("""
                UPDATE marketing_discount_rule SET status = :to,
                    stopped_at = CASE WHEN :to = 'STOPPED' THEN :now ELSE stopped_at END
                WHERE id = :id AND status = :from""")
                .param("to", to.name()).param("from", from.name()).param("now", StockStore.utc(now)).param("id", id)
                .update();
        if (n != 1) {
            throw new IllegalStateException("discount rule " + id + " was not " + from);
        }
    }

    /** How often the user had the rule: today (China day) and ever. */
    public record UserUses(long today, long total) {
    }

    public UserUses usesOf(long ruleRowId, long userId, LocalDate chinaDay) {
        return jdbc.sql("""
                SELECT COUNT(CASE WHEN china_day = :day THEN 1 END) AS today, COUNT(*) AS total
                FROM marketing_discount_use WHERE rule_row_id = :rule AND user_id = :user""")
                .param("day", chinaDay).param("rule", ruleRowId).param("user", userId)
                .query((rs, n) -> new UserUses(rs.getLong("today"), rs.getLong("total"))).single();
    }

    public void use(long ruleRowId, long orderId, long userId, long amountFen, LocalDate chinaDay, Instant now) {
        jdbc.sql("""
                INSERT INTO marketing_discount_use (rule_row_id, order_id, user_id, amount_fen, china_day, used_at)
                VALUES (:rule, :order, :user, :amount, :day, :now)""")
                .param("rule", ruleRowId).param("order", orderId).param("user", userId).param("amount", amountFen)
                .param("day", chinaDay).param("now", StockStore.utc(now)).update();
        jdbc.sql("UPDATE marketing_discount_rule SET used_count = used_count + 1, used_fen = used_fen + :amount WHERE id = :id")
                .param("amount", amountFen).param("id", ruleRowId).update();
    }

    private static DiscountRule row(ResultSet rs, int n) throws SQLException {
        long owner = rs.getLong("owner_merchant_id");
        Long ownerId = rs.wasNull() ? null : owner;
        long account = rs.getLong("funding_account_id");
        Long accountId = rs.wasNull() ? null : account;
        return new DiscountRule(rs.getLong("id"), rs.getString("rule_id"), ownerId, rs.getString("owner_mchid"),
                rs.getString("category"), rs.getString("name"), StockFunding.valueOf(rs.getString("funding")),
                rs.getLong("min_amount_fen"), rs.getLong("max_amount_fen"), rs.getLong("threshold_fen"),
                rs.getLong("budget_fen"), rs.getInt("per_user_daily"), rs.getInt("per_user_total"),
                DiscountStatus.valueOf(rs.getString("status")), accountId, rs.getLong("used_count"),
                rs.getLong("used_fen"), rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}
