package io.lingqian.marketing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.marketing.MarketingRefusal.Reason;
import io.lingqian.marketing.internal.CouponRules;
import io.lingqian.marketing.internal.CouponStore;
import io.lingqian.marketing.internal.StockStore;
import io.lingqian.payment.PaymentOrder;

/**
 * Coupons: sent to a user by the stock's creator (the API, idempotent on the sender's
 * {@code out_request_no}) or claimed by the user from a claim link, listed, and offered at the
 * cashier. Sending is decided under the stock's row lock, so no stock ever sends more coupons or
 * money than its budgets (total, daily) allow, nor more to one user than its per-user cap.
 */
@Service
public class Coupons {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The sender key of coupons users claim in the wallet. */
    static final String WALLET_SENDER = "wallet";

    private final StockStore stocks;
    private final CouponStore coupons;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Coupons(StockStore stocks, CouponStore coupons, TransactionTemplate transaction, Clock clock) {
        this.stocks = stocks;
        this.coupons = coupons;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * The stock's creator sends a coupon to a user, or answers a repeat of the same request (same
     * creator and {@code outRequestNo}, same stock and user) with the coupon it sent.
     *
     * @throws MarketingRefusal {@code NOT_FOUND} (not the caller's stock), {@code REQUEST_REUSED},
     *         {@code WRONG_STATE} (not running, or its window ended), {@code BUDGET_EXHAUSTED},
     *         {@code DAILY_BUDGET_EXHAUSTED}, {@code USER_LIMIT}
     */
    public Coupon send(CouponStocks.Creator sender, String stockId, long userId, String outRequestNo, String appid) {
        CouponStock stock = stocks.byStockId(stockId).filter(s -> s.creatorMchid().equals(sender.mchid()))
                .orElseThrow(() -> CouponStocks.notFound(stockId));
        return issue(stock, userId, "mch:" + sender.mchid(), outRequestNo, appid);
    }

    /**
     * A user claims a coupon from a running stock's claim link. {@code token} is the claim page's
     * one-time token: sending the form twice claims once.
     */
    public Coupon claim(long userId, String stockId, String token) {
        CouponStock stock = stocks.byStockId(stockId).orElseThrow(() -> new MarketingRefusal(Reason.NOT_FOUND,
                "no stock " + stockId));
        return issue(stock, userId, WALLET_SENDER, "claim-" + userId + "-" + token, null);
    }

    private Coupon issue(CouponStock stock, long userId, String senderKey, String outRequestNo, String appid) {
        Optional<Coupon> existing = repeat(senderKey, outRequestNo, stock, userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            long id = transaction.execute(status -> issueLocked(stock.id(), userId, senderKey, outRequestNo, appid));
            return coupons.byCouponId(couponIdOf(id)).orElseThrow();
        } catch (DuplicateKeyException e) {
            return repeat(senderKey, outRequestNo, stock, userId).orElseThrow(() -> e);
        }
    }

    private String couponIdOf(long rowId) {
        return coupons.couponIdOfRow(rowId);
    }

    private Optional<Coupon> repeat(String senderKey, String outRequestNo, CouponStock stock, long userId) {
        return coupons.byRequest(senderKey, outRequestNo).map(sent -> {
            if (!sent.stockId().equals(stock.stockId()) || sent.coupon().userId() != userId) {
                throw new MarketingRefusal(Reason.REQUEST_REUSED,
                        "out_request_no " + outRequestNo + " was used to send another coupon");
            }
            return sent.coupon();
        });
    }

    private long issueLocked(long stockRowId, long userId, String senderKey, String outRequestNo, String appid) {
        CouponStock stock = stocks.lock(stockRowId);
        Instant now = clock.instant();
        if (stock.status() != StockStatus.ACTIVE) {
            throw new MarketingRefusal(Reason.WRONG_STATE, "stock " + stock.stockId() + " is "
                    + stock.status().wechatName() + ", not running: no coupons are sent");
        }
        if (!now.isBefore(stock.availableEnd())) {
            throw new MarketingRefusal(Reason.WRONG_STATE, "stock " + stock.stockId() + " has expired");
        }
        if (stock.distributedCoupons() >= stock.maxCoupons()
                || stock.distributedFen() + stock.couponAmountFen() > stock.maxAmountFen()) {
            throw new MarketingRefusal(Reason.BUDGET_EXHAUSTED, "stock " + stock.stockId() + " has sent its budget");
        }
        LocalDate day = LocalDate.ofInstant(now, CHINA);
        if (coupons.sentOnDay(stock.id(), day) + stock.couponAmountFen() > stock.maxAmountByDayFen()) {
            throw new MarketingRefusal(Reason.DAILY_BUDGET_EXHAUSTED,
                    "stock " + stock.stockId() + " has sent today's budget");
        }
        if (coupons.countOfUser(stock.id(), userId) >= stock.maxCouponsPerUser()) {
            throw new MarketingRefusal(Reason.USER_LIMIT, "the user holds " + stock.maxCouponsPerUser()
                    + " coupons of stock " + stock.stockId() + ", the most one user may");
        }
        long id = coupons.insert(newCouponId(), stock, userId, senderKey, outRequestNo, appid, day, now);
        stocks.distributed(stock.id(), stock.couponAmountFen());
        return id;
    }

    /** The user's coupon. */
    public Coupon coupon(long userId, String couponId) {
        return coupons.byCouponId(couponId).filter(c -> c.userId() == userId)
                .orElseThrow(() -> new MarketingRefusal(Reason.NOT_FOUND, "no coupon " + couponId + " of this user"));
    }

    /** The user's coupons, newest first, optionally of one stock (null) or status (null). */
    public List<Coupon> ofUser(long userId, String stockId, CouponStatus status, int offset, int limit) {
        Long stockRow = null;
        if (stockId != null) {
            Optional<CouponStock> stock = stocks.byStockId(stockId);
            if (stock.isEmpty()) {
                return List.of();
            }
            stockRow = stock.get().id();
        }
        return coupons.ofUser(userId, stockRow, status, offset, limit);
    }

    /** How many coupons of the stock the user holds (any status): the per-user cap counts them all. */
    public int heldOf(long userId, CouponStock stock) {
        return coupons.countOfUser(stock.id(), userId);
    }

    /** A coupon the cashier can offer, with the discount it gives on this order. */
    public record Offer(Coupon coupon, long discountFen) {
    }

    /** The user's coupons that apply to the order now, best (largest discount) first. */
    public List<Offer> offers(long userId, PaymentOrder order) {
        return CouponRules.applicable(coupons.ofUser(userId, null, CouponStatus.SENDED, 0, 500), order, clock.instant());
    }

    private String newCouponId() {
        for (int i = 0; i < 10; i++) {
            String id = Long.toString(100_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 900_000_000_000L);
            if (!coupons.couponIdTaken(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free coupon id after 10 draws");
    }
}
