package io.lingqian.marketing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.AccountType;
import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.AccountResult;
import io.lingqian.ledger.CreateAccountResult;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.NewAccount;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.marketing.MarketingRefusal.Reason;
import io.lingqian.marketing.internal.CouponStore;
import io.lingqian.marketing.internal.StockStore;

/**
 * Coupon stocks (代金券批次): created by a merchant (its own, merchant-funded or sponsored) or by the
 * platform, then started, paused, restarted and stopped by their creator; expired by
 * {@link #expireDue()} when their redemption window ends. Every method that names a creator acts
 * only on that creator's stocks: another's stock is {@code NOT_FOUND}.
 *
 * <p>Ledger (pre-funded stocks only, all COUPON_FUNDING code, into the stock's own account
 * {@code coupon_stock:<stock_id>} of type COUPON_FUNDING, no overdraft):
 * <ul>
 * <li>start: {@code funder → stock} the whole budget ({@code coupon_stock:<id>:fund}); the funder is the
 *     sponsor's settlement account or OPERATOR_CAPITAL. A sponsor whose balance does not cover it is
 *     refused ({@code NOT_ENOUGH}) and the stock stays CREATED;</li>
 * <li>stop: the budget never sent goes back ({@code coupon_stock:<id>:return-unsent}); coupons already
 *     sent stay usable until the window ends;</li>
 * <li>expiry: whatever is left (unused coupons, coupon shares refunds returned) goes back
 *     ({@code coupon_stock:<id>:return:<debits so far>}, so a retry at the same point is idempotent and a
 *     later refund's share is returned by a later run).</li>
 * </ul>
 */
@Service
public class CouponStocks {

    /** The most a coupon window may be (reference §7.1: usable window at most 90 days). */
    static final Duration MAX_WINDOW = Duration.ofDays(90);
    static final Duration MAX_START_AHEAD = Duration.ofDays(365);
    static final int MAX_PER_USER = 60;
    private static final int EXPIRY_BATCH = 100;

    /** Who creates a stock: a merchant ({@code merchantId}, {@code mchid}) or the platform (null, "PLATFORM"). */
    public record Creator(Long merchantId, String mchid) {
        public static final Creator PLATFORM = new Creator(null, "PLATFORM");

        public static Creator merchant(long merchantId, String mchid) {
            return new Creator(merchantId, mchid);
        }
    }

    private final StockStore stocks;
    private final CouponStore coupons;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CouponStocks(StockStore stocks, CouponStore coupons, Ledger ledger, CustomerAccounts accounts,
            TransactionTemplate transaction, Clock clock) {
        this.stocks = stocks;
        this.coupons = coupons;
        this.ledger = ledger;
        this.accounts = accounts;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Creates a stock in state CREATED, or answers a repeat of the same request (same creator and
     * {@code outRequestNo}, same {@code requestHash}) with the stock it made.
     *
     * @param outRequestNo the creator's idempotency key, or null (the portal, which has its own token)
     * @throws MarketingRefusal {@code INVALID} (a rule out of range), {@code REQUEST_REUSED}
     */
    public CouponStock create(Creator creator, NewStock s, String outRequestNo, String requestHash) {
        if (outRequestNo != null) {
            Optional<CouponStock> existing = repeat(creator, outRequestNo, requestHash);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        validate(creator, s);
        Instant now = clock.instant();
        try {
            long id = transaction.execute(status -> stocks.insert(newStockId(), creator.merchantId(), creator.mchid(),
                    s, outRequestNo == null ? null : new StockStore.Request(outRequestNo, requestHash), now));
            return stocks.byId(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            return repeat(creator, outRequestNo, requestHash).orElseThrow(() -> e);
        }
    }

    private Optional<CouponStock> repeat(Creator creator, String outRequestNo, String requestHash) {
        return stocks.requestOf(creator.mchid(), outRequestNo).map(r -> {
            if (!r.requestHash().equals(requestHash)) {
                throw new MarketingRefusal(Reason.REQUEST_REUSED,
                        "out_request_no " + outRequestNo + " was used for a stock with other parameters");
            }
            return stocks.byRequest(creator.mchid(), outRequestNo).orElseThrow();
        });
    }

    private void validate(Creator creator, NewStock s) {
        Instant now = clock.instant();
        require(s.name() != null && !s.name().isBlank() && s.name().length() <= 9, "stock_name must be 1 to 9 characters");
        require(s.comment() == null || s.comment().length() <= 20, "comment must be at most 20 characters");
        require(s.funding() != null, "funding is required");
        require(creator.merchantId() != null || s.funding() == StockFunding.PLATFORM,
                "the platform creates only platform-funded stocks");
        require(creator.merchantId() == null || s.funding() != StockFunding.PLATFORM,
                "a merchant cannot create a platform-funded stock");
        require(s.couponAmountFen() >= 1_00 && s.couponAmountFen() <= 500_00,
                "coupon_amount must be between 100 and 50000 fen");
        require(s.transactionMinimumFen() >= 0, "transaction_minimum must not be negative");
        require(s.transactionMinimumFen() == 0 || s.transactionMinimumFen() > s.couponAmountFen(),
                "transaction_minimum must be above coupon_amount (or 0 for no threshold)");
        require(s.maxCoupons() >= 1 && s.maxCoupons() <= 1_000_000_000L, "max_coupons must be 1 to 1000000000");
        require(s.maxAmountFen() == Math.multiplyExact(s.maxCoupons(), s.couponAmountFen()),
                "max_amount must equal max_coupons × coupon_amount");
        require(s.maxAmountByDayFen() >= s.couponAmountFen() && s.maxAmountByDayFen() <= s.maxAmountFen(),
                "max_amount_by_day must be between coupon_amount and max_amount");
        require(s.maxCouponsPerUser() >= 1 && s.maxCouponsPerUser() <= MAX_PER_USER,
                "max_coupons_per_user must be 1 to " + MAX_PER_USER);
        require(s.availableBegin() != null && s.availableEnd() != null, "available_begin_time and available_end_time are required");
        require(s.availableBegin().isBefore(s.availableEnd()), "available_begin_time must be before available_end_time");
        require(!s.availableEnd().isBefore(now), "available_end_time is in the past");
        require(!s.availableBegin().isAfter(now.plus(MAX_START_AHEAD)), "available_begin_time is more than 365 days ahead");
        require(!s.availableEnd().isAfter(s.availableBegin().plus(MAX_WINDOW)), "a stock's window is at most 90 days");
        require(s.goodsTags().size() <= 20 && s.goodsTags().stream().allMatch(t -> t.matches("[0-9A-Za-z_\\-]{1,32}")),
                "goods_tag: at most 20 tags of 1 to 32 letters, digits, _ or -");
        require(s.availableMchids().size() <= 50 && s.availableMchids().stream().allMatch(m -> m.matches("\\d{8,10}")),
                "available_merchants: at most 50 merchant numbers");
        require(creator.merchantId() != null || !s.availableMchids().isEmpty(),
                "a platform stock must name its available merchants");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new MarketingRefusal(Reason.INVALID, message);
        }
    }

    /**
     * CREATED → ACTIVE. A pre-funded stock's budget moves into its COUPON_FUNDING account here, in the
     * same transaction (posted last).
     *
     * @throws MarketingRefusal {@code NOT_FOUND}, {@code WRONG_STATE}, {@code NOT_ENOUGH}
     */
    public CouponStock start(Creator creator, String stockId) {
        return change(creator, stockId, (stock, now) -> {
            if (stock.status() != StockStatus.CREATED) {
                throw wrongState(stock, "it was started already");
            }
            if (!now.isBefore(stock.availableEnd())) {
                throw wrongState(stock, "its window has ended");
            }
            stocks.status(stock.id(), StockStatus.CREATED, StockStatus.ACTIVE, now);
            if (stock.funding().preFunded()) {
                long account = openStockAccount(stock.stockId());
                stocks.fundingAccount(stock.id(), account);
                TransferResult r = ledger.createTransfer(TransferRequest.single(reference(stock) + ":fund",
                        funderAccount(stock), account, stock.maxAmountFen(), Ledger.CNY,
                        TransferCode.COUPON_FUNDING.code(), reference(stock)));
                if (r.result() == CreateTransferResult.EXCEEDS_CREDITS
                        || r.result() == CreateTransferResult.DEBIT_ACCOUNT_FROZEN) {
                    throw new MarketingRefusal(Reason.NOT_ENOUGH, "the sponsor's balance does not cover the budget of "
                            + stock.maxAmountFen() + " fen");
                }
                r.orThrow();
            }
        });
    }

    /** ACTIVE → PAUSED: no coupons are sent until restarted; coupons sent stay usable. */
    public CouponStock pause(Creator creator, String stockId) {
        return change(creator, stockId, (stock, now) -> {
            if (stock.status() != StockStatus.ACTIVE) {
                throw wrongState(stock, "only a running stock can be paused");
            }
            stocks.status(stock.id(), StockStatus.ACTIVE, StockStatus.PAUSED, now);
        });
    }

    /** PAUSED → ACTIVE. */
    public CouponStock restart(Creator creator, String stockId) {
        return change(creator, stockId, (stock, now) -> {
            if (stock.status() != StockStatus.PAUSED) {
                throw wrongState(stock, "only a paused stock can be restarted");
            }
            stocks.status(stock.id(), StockStatus.PAUSED, StockStatus.ACTIVE, now);
        });
    }

    /** ACTIVE or PAUSED → STOPPED: no more coupons are sent; the budget never sent returns to its funder. */
    public CouponStock stop(Creator creator, String stockId) {
        return change(creator, stockId, (stock, now) -> {
            if (!stock.status().canBecome(StockStatus.STOPPED)) {
                throw wrongState(stock, "only a running or paused stock can be stopped");
            }
            stocks.status(stock.id(), stock.status(), StockStatus.STOPPED, now);
            long unsent = stock.maxAmountFen() - stock.distributedFen();
            if (stock.funding().preFunded() && unsent > 0) {
                ledger.createTransfer(TransferRequest.single(reference(stock) + ":return-unsent",
                        stock.fundingAccountId(), funderAccount(stock), unsent, Ledger.CNY,
                        TransferCode.COUPON_FUNDING.code(), reference(stock))).orThrow();
            }
        });
    }

    /**
     * Expires every stock whose redemption window has ended (its unused coupons become EXPIRED) and
     * returns what is left in a pre-funded stock's account to its funder, also what refunds paid back
     * into an already expired stock. Each stock in its own transaction.
     *
     * @return how many stocks changed
     */
    public int expireDue() {
        Instant now = clock.instant();
        int changed = 0;
        for (long id : stocks.dueToExpire(now, EXPIRY_BATCH)) {
            Boolean done = transaction.execute(status -> {
                CouponStock stock = stocks.lock(id);
                if (stock.status() == StockStatus.EXPIRED) {
                    return false;
                }
                stocks.status(id, stock.status(), StockStatus.EXPIRED, now);
                coupons.expireOfStock(id);
                returnLeftover(stock);
                return true;
            });
            changed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return changed;
    }

    /**
     * Returns to the funder what a refund paid back into an expired stock's account. Called after the
     * refund (the coupon share lands in the stock's account), idempotent per state of the account.
     */
    public void returnLeftover(String stockId) {
        transaction.executeWithoutResult(status -> stocks.byStockId(stockId).ifPresent(s -> {
            CouponStock stock = stocks.lock(s.id());
            if (stock.status() == StockStatus.EXPIRED) {
                returnLeftover(stock);
            }
        }));
    }

    private void returnLeftover(CouponStock stock) {
        if (!stock.funding().preFunded() || stock.fundingAccountId() == null) {
            return;
        }
        Account account = ledger.account(stock.fundingAccountId()).orElseThrow();
        long left = account.balances().creditBalance();
        if (left > 0) {
            ledger.createTransfer(TransferRequest.single(reference(stock) + ":return:" + account.balances().debitsPosted(),
                    stock.fundingAccountId(), funderAccount(stock), left, Ledger.CNY,
                    TransferCode.COUPON_FUNDING.code(), reference(stock))).orThrow();
        }
    }

    /** The creator's stock. */
    public CouponStock stock(Creator creator, String stockId) {
        return stocks.byStockId(stockId).filter(s -> s.creatorMchid().equals(creator.mchid()))
                .orElseThrow(() -> notFound(stockId));
    }

    /** Any stock by its id, for the wallet's claim page and the coupon hook. */
    public Optional<CouponStock> byStockId(String stockId) {
        return stocks.byStockId(stockId);
    }

    /** A page of the creator's stocks, newest first, optionally in one state. */
    public List<CouponStock> list(Creator creator, StockStatus status, int offset, int limit) {
        return stocks.ofCreator(creator.mchid(), status, offset, limit);
    }

    public long count(Creator creator, StockStatus status) {
        return stocks.countOfCreator(creator.mchid(), status);
    }

    /**
     * The creator's stock day by day (China days, newest first) over the last {@code lastDays} days:
     * what was sent against the daily budget and what was used.
     */
    public List<StockDay> days(Creator creator, String stockId, int lastDays) {
        CouponStock stock = stock(creator, stockId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), Coupons.CHINA);
        return coupons.days(stock.id(), today.minusDays(Math.max(lastDays, 1) - 1L));
    }

    /**
     * What a pre-funded stock's COUPON_FUNDING account holds now (the budget not yet paid out to
     * merchants nor returned to the funder); 0 for a merchant-funded stock or one never started.
     */
    public long fundingBalanceFen(CouponStock stock) {
        if (stock.fundingAccountId() == null) {
            return 0;
        }
        return ledger.account(stock.fundingAccountId()).map(a -> a.balances().creditBalance()).orElse(0L);
    }

    /** The ledger reference of everything a stock's budget does: {@code coupon_stock:<stock_id>}. */
    public static String reference(CouponStock stock) {
        return "coupon_stock:" + stock.stockId();
    }

    private long funderAccount(CouponStock stock) {
        return stock.funding() == StockFunding.PLATFORM ? PlatformAccount.OPERATOR_CAPITAL.id()
                : accounts.openMerchantSettlement(stock.creatorMerchantId());
    }

    private long openStockAccount(String stockId) {
        String reference = "coupon_stock:" + stockId;
        Optional<Account> existing = ledger.accountByReference(reference);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        long id = ledger.nextAccountId();
        AccountResult r = ledger.createAccounts(List.of(NewAccount.of(id, Ledger.CNY, AccountType.COUPON_FUNDING.code(),
                reference, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS))).get(0);
        if (r.result() == CreateAccountResult.REFERENCE_TAKEN) {
            return ledger.accountByReference(reference).orElseThrow().id();
        }
        if (!r.ok()) {
            throw new IllegalStateException("cannot open " + reference + ": " + r.result());
        }
        return id;
    }

    private interface Change {
        void apply(CouponStock locked, Instant now);
    }

    private CouponStock change(Creator creator, String stockId, Change change) {
        CouponStock found = stock(creator, stockId);
        transaction.executeWithoutResult(status -> change.apply(stocks.lock(found.id()), clock.instant()));
        return stocks.byId(found.id()).orElseThrow();
    }

    private static MarketingRefusal wrongState(CouponStock stock, String why) {
        return new MarketingRefusal(Reason.WRONG_STATE, "stock " + stock.stockId() + " is "
                + stock.status().wechatName() + ": " + why);
    }

    static MarketingRefusal notFound(String stockId) {
        return new MarketingRefusal(Reason.NOT_FOUND, "no stock " + stockId + " of this merchant");
    }

    private String newStockId() {
        for (int i = 0; i < 10; i++) {
            String id = Long.toString(10_000_000L + (random.nextLong() & Long.MAX_VALUE) % 90_000_000L);
            if (stocks.byStockId(id).isEmpty()) {
                return id;
            }
        }
        throw new IllegalStateException("no free stock id after 10 draws");
    }
}
