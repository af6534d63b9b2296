package io.lingqian.marketing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.marketing.Coupon;
import io.lingqian.marketing.CouponStatus;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.StockDay;

/** {@code marketing_coupon}: a coupon is redeemed only under its row lock ({@link #lockUsable}). */
@Repository
public class CouponStore {

    private static final String COLUMNS = """
            id, coupon_id, stock_row_id, user_id, status, amount_fen, minimum_fen, created_at, used_at,
            used_transaction_id, used_mchid""";

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final StockStore stocks;

    CouponStore(JdbcClient jdbc, StockStore stocks) {
        this.jdbc = jdbc;
        this.stocks = stocks;
    }

    /** Inserts a SENDED coupon; a taken (sender, out_request_no) raises DuplicateKeyException. */
    public long insert(String couponId, CouponStock stock, long userId, String senderKey, String outRequestNo,
            String appid, LocalDate chinaDay, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO marketing_coupon (coupon_id, stock_row_id, user_id, sender_key, out_request_no, appid,
                    amount_fen, minimum_fen, status, created_at, china_day)
                VALUES (:coupon, :stock, :user, :sender, :out, :appid, :amount, :minimum, 'SENDED', :now, :day)""")
                .param("coupon", couponId).param("stock", stock.id()).param("user", userId)
                .param("sender", senderKey).param("out", outRequestNo).param("appid", appid)
                .param("amount", stock.couponAmountFen()).param("minimum", stock.transactionMinimumFen())
                .param("now", StockStore.utc(now)).param("day", chinaDay).update(key, "id");
        return key.getKey().longValue();
    }

    public String couponIdOfRow(long id) {
        return jdbc.sql("SELECT coupon_id FROM marketing_coupon WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    public boolean couponIdTaken(String couponId) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_coupon WHERE coupon_id = :c").param("c", couponId)
                .query(Long.class).single() > 0;
    }

    /** The coupon a sender's request made, with the stock and user it was for. */
    public record Sent(Coupon coupon, String stockId) {
    }

    public Optional<Sent> byRequest(String senderKey, String outRequestNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon WHERE sender_key = :s AND out_request_no = :o")
                .param("s", senderKey).param("o", outRequestNo).query(this::row).optional()
                .map(c -> new Sent(c, c.stock().stockId()));
    }

    public Optional<Coupon> byCouponId(String couponId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon WHERE coupon_id = :c").param("c", couponId)
                .query(this::row).optional();
    }

    /** The user's coupons, newest first, optionally of one stock or status. */
    public List<Coupon> ofUser(long userId, Long stockRowId, CouponStatus status, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon WHERE user_id = :u"
                        + (stockRowId == null ? "" : " AND stock_row_id = :stock")
                        + (status == null ? "" : " AND status = :status")
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("u", userId).param("stock", stockRowId).param("status", status == null ? null : status.name())
                .param("limit", limit).param("offset", offset).query(this::row).list();
    }

    /** The user's usable (SENDED) coupons under row locks, so that each is redeemed at most once. */
    public List<Coupon> lockUsable(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_coupon WHERE user_id = :u AND status = 'SENDED'"
                + " ORDER BY id FOR UPDATE").param("u", userId).query(this::row).list();
    }

    public int countOfUser(long stockRowId, long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_coupon WHERE stock_row_id = :s AND user_id = :u")
                .param("s", stockRowId).param("u", userId).query(Integer.class).single();
    }

    public long sentOnDay(long stockRowId, LocalDate chinaDay) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(amount_fen), 0) FROM marketing_coupon WHERE stock_row_id = :s AND china_day = :d""")
                .param("s", stockRowId).param("d", chinaDay).query(Long.class).single();
    }

    /** SENDED → USED; false if it was not SENDED (the caller holds the row lock, so this is a guard). */
    public boolean markUsed(long id, long orderId, String transactionId, String mchid, Instant now) {
        return jdbc.sql("""
                UPDATE marketing_coupon SET status = 'USED', used_at = :now, used_china_day = :day,
                    used_order_id = :order, used_transaction_id = :tx, used_mchid = :mchid
                WHERE id = :id AND status = 'SENDED'""")
                .param("now", StockStore.utc(now)).param("day", LocalDate.ofInstant(now, CHINA)).param("order", orderId).param("tx", transactionId)
                .param("mchid", mchid).param("id", id).update() == 1;
    }

    /** Sent and used per China day since {@code from} (inclusive), newest day first; days with neither are left out. */
    public List<StockDay> days(long stockRowId, LocalDate from) {
        Map<LocalDate, long[]> byDay = new TreeMap<>(java.util.Comparator.reverseOrder());
        jdbc.sql("""
                SELECT china_day AS sent_day, COUNT(*) AS n, COALESCE(SUM(amount_fen), 0) AS fen FROM marketing_coupon
                WHERE stock_row_id = :s AND china_day >= :from GROUP BY china_day""")
                .param("s", stockRowId).param("from", from)
                .query((rs, n) -> {
                    long[] day = byDay.computeIfAbsent(rs.getObject("sent_day", LocalDate.class), d -> new long[4]);
                    day[0] = rs.getLong("n");
                    day[1] = rs.getLong("fen");
                    return day;
                }).list();
        jdbc.sql("""
                SELECT used_china_day AS used_day, COUNT(*) AS n, COALESCE(SUM(amount_fen), 0) AS fen FROM marketing_coupon
                WHERE stock_row_id = :s AND status = 'USED' AND used_china_day >= :from GROUP BY used_china_day""")
                .param("s", stockRowId).param("from", from)
                .query((rs, n) -> {
                    long[] day = byDay.computeIfAbsent(rs.getObject("used_day", LocalDate.class), d -> new long[4]);
                    day[2] = rs.getLong("n");
                    day[3] = rs.getLong("fen");
                    return day;
                }).list();
        return byDay.entrySet().stream()
                .map(e -> new StockDay(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]))
                .toList();
    }

    public int expireOfStock(long stockRowId) {
        return jdbc.sql("UPDATE marketing_coupon SET status = 'EXPIRED' WHERE stock_row_id = :s AND status = 'SENDED'")
                .param("s", stockRowId).update();
    }

    private Coupon row(ResultSet rs, int n) throws SQLException {
        CouponStock stock = stocks.byId(rs.getLong("stock_row_id")).orElseThrow();
        return new Coupon(rs.getLong("id"), rs.getString("coupon_id"), rs.getLong("user_id"),
                CouponStatus.valueOf(rs.getString("status")), rs.getLong("amount_fen"), rs.getLong("minimum_fen"),
                StockStore.instant(rs, "created_at"), StockStore.instant(rs, "used_at"),
                rs.getString("used_transaction_id"), rs.getString("used_mchid"), stock);
    }
}
