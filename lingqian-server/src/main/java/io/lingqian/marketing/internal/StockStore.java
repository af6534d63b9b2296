package io.lingqian.marketing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.NewStock;
import io.lingqian.marketing.StockFunding;
import io.lingqian.marketing.StockStatus;

/** {@code marketing_coupon_stock}: counters change only under the row lock ({@link #lock}). */
@Repository
public class StockStore {

    private static final String COLUMNS = """
            id, stock_id, creator_merchant_id, creator_mchid, name, comment, funding, coupon_amount_fen,
            transaction_minimum_fen, max_coupons, max_amount_fen, max_amount_by_day_fen, max_coupons_per_user,
            available_begin, available_end, goods_tags, available_mchids, combine_use, status, funding_account_id,
            distributed_coupons, distributed_fen, used_coupons, used_fen, created_at, started_at, stopped_at""";

    private final JdbcClient jdbc;

    StockStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Request(String outRequestNo, String requestHash) {
    }

    public long insert(String stockId, Long creatorMerchantId, String creatorMchid, NewStock s, Request request,
            Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO marketing_coupon_stock (stock_id, creator_merchant_id, creator_mchid, out_request_no,
                    request_hash, name, comment, funding, coupon_amount_fen, transaction_minimum_fen, max_coupons,
                    max_amount_fen, max_amount_by_day_fen, max_coupons_per_user, available_begin, available_end,
                    goods_tags, available_mchids, combine_use, status, created_at)
                VALUES (:stock, :creator, :mchid, :out, :hash, :name, :comment, :funding, :amount, :minimum, :maxCoupons,
                    :maxAmount, :maxDay, :perUser, :begin, :end, :tags, :mchids, :combine, 'CREATED', :now)""")
                .param("stock", stockId).param("creator", creatorMerchantId).param("mchid", creatorMchid)
                .param("out", request == null ? null : request.outRequestNo())
                .param("hash", request == null ? null : request.requestHash())
                .param("name", s.name()).param("comment", s.comment()).param("funding", s.funding().name())
                .param("amount", s.couponAmountFen()).param("minimum", s.transactionMinimumFen())
                .param("maxCoupons", s.maxCoupons()).param("maxAmount", s.maxAmountFen())
                .param("maxDay", s.maxAmountByDayFen()).param("perUser", s.maxCouponsPerUser())
                .param("begin", utc(s.availableBegin())).param("end", utc(s.availableEnd()))
                .param("tags", String.join(",", s.goodsTags())).param("mchids", String.join(",", s.availableMchids()))
                .param("combine", s.combineUse()).param("now", utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<CouponStock> byStockId(String stockId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon_stock WHERE stock_id = :s")
                .param("s", stockId).query(StockStore::row).optional();
    }

    public Optional<CouponStock> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon_stock WHERE id = :id")
                .param("id", id).query(StockStore::row).optional();
    }

    /** The stock under a row lock until the transaction ends: the one place its budget is decided. */
    public CouponStock lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon_stock WHERE id = :id FOR UPDATE")
                .param("id", id).query(StockStore::row).single();
    }

    public Optional<Request> requestOf(String creatorMchid, String outRequestNo) {
        return jdbc.sql("""
                SELECT out_request_no, request_hash FROM marketing_coupon_stock
                WHERE creator_mchid = :mchid AND out_request_no = :out""")
                .param("mchid", creatorMchid).param("out", outRequestNo)
                .query((rs, n) -> new Request(rs.getString(1), rs.getString(2))).optional();
    }

    public Optional<CouponStock> byRequest(String creatorMchid, String outRequestNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon_stock WHERE creator_mchid = :mchid"
                + " AND out_request_no = :out").param("mchid", creatorMchid).param("out", outRequestNo)
                .query(StockStore::row).optional();
    }

    /** The creator's stocks, newest first. */
    public List<CouponStock> ofCreator(String creatorMchid, StockStatus status, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon_stock WHERE creator_mchid = :mchid"
                        + (status == null ? "" : " AND status = :status")
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("mchid", creatorMchid).param("status", status == null ? null : status.name())
                .param("offset", offset).param("limit", limit).query(StockStore::row).list();
    }

    public long countOfCreator(String creatorMchid, StockStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_coupon_stock WHERE creator_mchid = :mchid"
                        + (status == null ? "" : " AND status = :status"))
                .param("mchid", creatorMchid).param("status", status == null ? null : status.name())
                .query(Long.class).single();
    }

    /** Stocks whose redemption window has ended and that are not EXPIRED yet. */
    public List<Long> dueToExpire(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM marketing_coupon_stock WHERE status <> 'EXPIRED' AND available_end <= :now
                ORDER BY id LIMIT :limit""")
                .param("now", utc(now)).param("limit", limit).query(Long.class).list();
    }

    public void status(long id, StockStatus from, StockStatus to, Instant now) {
        from.next(to);
        jdbc.sql("""
                UPDATE marketing_coupon_stock SET status = :to,
                    started_at = CASE WHEN :to = 'ACTIVE' AND started_at IS NULL THEN :now ELSE started_at END,
                    stopped_at = CASE WHEN :to IN ('STOPPED', 'EXPIRED') AND stopped_at IS NULL THEN :now
                                      ELSE stopped_at END
                WHERE id = :id AND status = :from""")
                .param("to", to.name()).param("from", from.name()).param("now", utc(now)).param("id", id).update();
    }

    public void fundingAccount(long id, long accountId) {
        jdbc.sql("UPDATE marketing_coupon_stock SET funding_account_id = :a WHERE id = :id")
                .param("a", accountId).param("id", id).update();
    }

    public void distributed(long id, long amountFen) {
        jdbc.sql("""
                UPDATE marketing_coupon_stock SET distributed_coupons = distributed_coupons + 1,
                    distributed_fen = distributed_fen + :amount WHERE id = :id""")
                .param("amount", amountFen).param("id", id).update();
    }

    public void used(long id, long amountFen) {
        jdbc.sql("UPDATE marketing_coupon_stock SET used_coupons = used_coupons + 1, used_fen = used_fen + :amount"
                + " WHERE id = :id").param("amount", amountFen).param("id", id).update();
    }

    private static CouponStock row(ResultSet rs, int n) throws SQLException {
        return new CouponStock(rs.getLong("id"), rs.getString("stock_id"),
                (Long) rs.getObject("creator_merchant_id", Long.class), rs.getString("creator_mchid"),
                rs.getString("name"), rs.getString("comment"), StockFunding.valueOf(rs.getString("funding")),
                rs.getLong("coupon_amount_fen"), rs.getLong("transaction_minimum_fen"), rs.getLong("max_coupons"),
                rs.getLong("max_amount_fen"), rs.getLong("max_amount_by_day_fen"), rs.getInt("max_coupons_per_user"),
                instant(rs, "available_begin"), instant(rs, "available_end"), list(rs.getString("goods_tags")),
                list(rs.getString("available_mchids")), rs.getBoolean("combine_use"),
                StockStatus.valueOf(rs.getString("status")), rs.getObject("funding_account_id", Long.class),
                rs.getLong("distributed_coupons"), rs.getLong("distributed_fen"), rs.getLong("used_coupons"),
                rs.getLong("used_fen"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "stopped_at"));
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
