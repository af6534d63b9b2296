package io.lingqian.marketing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

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
import io.lingqian.marketing.internal.DiscountRuleStore;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantFees;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentOrder;

/**
 * Instant discounts (立减): rules that lower a payment without a coupon in hand. A merchant's rule
 * discounts its own payments; the platform's discounts every payment to a merchant of its category.
 * Applied after the coupons, in the same {@link PaymentHook} (so the two never discount more than
 * the total), at most one rule per payment.
 *
 * <p>Ledger (pre-funded rules only, code COUPON_FUNDING, the rule's own account
 * {@code discount_rule:<rule_id>} of type COUPON_FUNDING, no overdraft):
 * <ul>
 * <li>create: {@code funder → rule} the whole budget ({@code discount_rule:<id>:fund}); a sponsor
 *     without the balance is refused ({@code NOT_ENOUGH}) and no rule is made;</li>
 * <li>at payment: {@code rule → merchant} in the payment's linked batch (the payment's own posting);</li>
 * <li>stop (and any refund share that comes back after): what is left goes back
 *     ({@code discount_rule:<id>:return:<debits so far>}).</li>
 * </ul>
 * A merchant-funded rule moves nothing: the merchant receives the total less the discount.
 */
@Service
public class InstantDiscounts {

    static final long MAX_DISCOUNT_FEN = 500_00;

    private final DiscountRuleStore rules;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final MerchantFees fees;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    InstantDiscounts(DiscountRuleStore rules, Ledger ledger, CustomerAccounts accounts, MerchantFees fees,
            TransactionTemplate transaction, Clock clock) {
        this.rules = rules;
        this.ledger = ledger;
        this.accounts = accounts;
        this.fees = fees;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Creates an ACTIVE rule; a pre-funded one's budget moves into its account in the same transaction.
     * Ranges: name 1–9 characters; amounts 0.01–500.00 with min ≤ max; threshold 0 (none) or above the
     * maximum discount; budget at least the maximum discount; per-user limits 1–100 a day, 1–10000 in
     * all. A merchant makes MERCHANT or SPONSOR rules without a category; the platform makes PLATFORM
     * rules for one category.
     *
     * @param requestKey the owner's idempotency key: the same key with the same rule answers the rule
     *                   made the first time; with another rule {@code REQUEST_REUSED}
     * @throws MarketingRefusal {@code INVALID}, {@code NOT_ENOUGH}, {@code REQUEST_REUSED}
     */
    public DiscountRule create(CouponStocks.Creator owner, NewDiscountRule r, String requestKey) {
        Optional<DiscountRule> earlier = repeat(owner, r, requestKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        validate(owner, r);
        try {
            return insert(owner, r, requestKey);
        } catch (DuplicateKeyException e) {
            return repeat(owner, r, requestKey).orElseThrow(() -> e);
        }
    }

    private Optional<DiscountRule> repeat(CouponStocks.Creator owner, NewDiscountRule r, String requestKey) {
        return rules.byRequest(owner.mchid(), requestKey).map(rule -> {
            if (!sameRule(rule, r)) {
                throw new MarketingRefusal(Reason.REQUEST_REUSED, "request " + requestKey
                        + " was used for a rule with other parameters");
            }
            return rule;
        });
    }

    private static boolean sameRule(DiscountRule rule, NewDiscountRule r) {
        return rule.name().equals(r.name()) && rule.funding() == r.funding()
                && Objects.equals(rule.category(), r.category()) && rule.minAmountFen() == r.minAmountFen()
                && rule.maxAmountFen() == r.maxAmountFen() && rule.thresholdFen() == r.thresholdFen()
                && rule.budgetFen() == r.budgetFen() && rule.perUserDaily() == r.perUserDaily()
                && rule.perUserTotal() == r.perUserTotal();
    }

    private DiscountRule insert(CouponStocks.Creator owner, NewDiscountRule r, String requestKey) {
        String ruleId = newRuleId();
        Instant now = clock.instant();
        long id = transaction.execute(status -> {
            Long account = null;
            if (r.funding().preFunded()) {
                account = openRuleAccount(ruleId);
                TransferResult t = ledger.createTransfer(TransferRequest.single(reference(ruleId) + ":fund",
                        funderAccount(owner.merchantId(), r.funding()), account, r.budgetFen(), Ledger.CNY,
                        TransferCode.COUPON_FUNDING.code(), reference(ruleId)));
                if (t.result() == CreateTransferResult.EXCEEDS_CREDITS
                        || t.result() == CreateTransferResult.DEBIT_ACCOUNT_FROZEN) {
                    status.setRollbackOnly();
                    return -1L;
                }
                t.orThrow();
            }
            return rules.insert(ruleId, owner.merchantId(), owner.mchid(), requestKey, r, account, now);
        });
        if (id < 0) {
            throw new MarketingRefusal(Reason.NOT_ENOUGH, "the balance does not cover the budget of "
                    + r.budgetFen() + " fen");
        }
        return rules.byRuleId(ruleId).orElseThrow();
    }

    private static void validate(CouponStocks.Creator owner, NewDiscountRule r) {
        require(r.name() != null && !r.name().isBlank() && r.name().length() <= 9, "name must be 1 to 9 characters");
        require(r.funding() != null, "funding is required");
        boolean platform = owner.merchantId() == null;
        require(platform == (r.funding() == StockFunding.PLATFORM),
                "the platform makes only platform-funded rules, a merchant only its own");
        require(platform == (r.category() != null), "a platform rule names one merchant category, a merchant's none");
        require(r.category() == null || isCategory(r.category()), "unknown merchant category " + r.category());
        require(r.minAmountFen() >= 1 && r.maxAmountFen() >= r.minAmountFen() && r.maxAmountFen() <= MAX_DISCOUNT_FEN,
                "the discount must be 0.01 to 500.00, the minimum not above the maximum");
        require(r.thresholdFen() == 0 || r.thresholdFen() > r.maxAmountFen(),
                "the threshold must be above the largest discount (or 0 for none)");
        require(r.budgetFen() >= r.maxAmountFen() && r.budgetFen() <= 100_000_000_00L,
                "the budget must cover at least one largest discount");
        require(r.perUserDaily() >= 1 && r.perUserDaily() <= 100, "per-user daily limit must be 1 to 100");
        require(r.perUserTotal() >= r.perUserDaily() && r.perUserTotal() <= 10_000,
                "per-user total limit must be from the daily limit to 10000");
    }

    private static boolean isCategory(String name) {
        for (MerchantCategory c : MerchantCategory.values()) {
            if (c.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new MarketingRefusal(Reason.INVALID, message);
        }
    }

    /** ACTIVE → PAUSED: payments are not discounted until it is restarted. */
    public DiscountRule pause(CouponStocks.Creator owner, String ruleId) {
        return change(owner, ruleId, DiscountStatus.ACTIVE, DiscountStatus.PAUSED);
    }

    /** PAUSED → ACTIVE. */
    public DiscountRule restart(CouponStocks.Creator owner, String ruleId) {
        return change(owner, ruleId, DiscountStatus.PAUSED, DiscountStatus.ACTIVE);
    }

    /** ACTIVE or PAUSED → STOPPED; a pre-funded rule's unspent budget returns to its funder. */
    public DiscountRule stop(CouponStocks.Creator owner, String ruleId) {
        return change(owner, ruleId, null, DiscountStatus.STOPPED);
    }

    private DiscountRule change(CouponStocks.Creator owner, String ruleId, DiscountStatus from, DiscountStatus to) {
        DiscountRule found = rule(owner, ruleId);
        transaction.executeWithoutResult(status -> {
            DiscountRule locked = rules.lock(found.id());
            if ((from != null && locked.status() != from) || !locked.status().canBecome(to)) {
                throw new MarketingRefusal(Reason.WRONG_STATE, "rule " + ruleId + " is " + locked.status()
                        + ": it cannot become " + to);
            }
            rules.status(locked.id(), locked.status(), to, clock.instant());
            if (to == DiscountStatus.STOPPED) {
                returnLeftover(locked);
            }
        });
        return rules.byRuleId(ruleId).orElseThrow();
    }

    /**
     * Returns to the funder what a refund paid back into a stopped rule's account (nobody would take
     * it out again). Idempotent per state of the account; no-op for a running or unknown rule.
     */
    public void returnLeftover(String ruleId) {
        transaction.executeWithoutResult(status -> rules.byRuleId(ruleId).ifPresent(r -> {
            DiscountRule locked = rules.lock(r.id());
            if (locked.status() == DiscountStatus.STOPPED) {
                returnLeftover(locked);
            }
        }));
    }

    private void returnLeftover(DiscountRule rule) {
        if (rule.fundingAccountId() == null) {
            return;
        }
        Account account = ledger.account(rule.fundingAccountId()).orElseThrow();
        long left = account.balances().creditBalance();
        if (left > 0) {
            ledger.createTransfer(TransferRequest.single(
                    reference(rule.ruleId()) + ":return:" + account.balances().debitsPosted(),
                    rule.fundingAccountId(), funderAccount(rule.ownerMerchantId(), rule.funding()), left, Ledger.CNY,
                    TransferCode.COUPON_FUNDING.code(), reference(rule.ruleId()))).orThrow();
        }
    }

    /** The owner's rule; another's is {@code NOT_FOUND}. */
    public DiscountRule rule(CouponStocks.Creator owner, String ruleId) {
        return rules.byRuleId(ruleId).filter(r -> r.ownerMchid().equals(owner.mchid()))
                .orElseThrow(() -> new MarketingRefusal(Reason.NOT_FOUND, "no discount rule " + ruleId + " of this merchant"));
    }

    /** The owner's rules, newest first. */
    public List<DiscountRule> list(CouponStocks.Creator owner) {
        return rules.ofOwner(owner.mchid());
    }

    /**
     * The instant discount of a payment, decided inside the payment's transaction (the order locked):
     * the merchant's and its category's ACTIVE rules are locked, and the first (in id order) whose
     * threshold the total meets, whose per-user limits the payer has not reached and whose budget left
     * covers the amount is used. The amount is fixed, or drawn between the bounds from a generator
     * seeded with the rule and the transaction id (so the same payment always draws the same), and at
     * most {@code payableFen} (what the coupons left to pay).
     */
    public Optional<PaymentHook.Discount> applyAtPayment(PaymentOrder order, long payerUserId, long payableFen) {
        if (payableFen <= 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, Coupons.CHINA);
        String category = fees.rateOf(order.merchantId()).category().map(Enum::name).orElse(null);
        for (DiscountRule rule : rules.lockActiveFor(order.merchantId(), category)) {
            if (order.totalFen() < Math.max(rule.thresholdFen(), 1)) {
                continue;
            }
            DiscountRuleStore.UserUses uses = rules.usesOf(rule.id(), payerUserId, day);
            if (uses.today() >= rule.perUserDaily() || uses.total() >= rule.perUserTotal()) {
                continue;
            }
            long amount = Math.min(amountOf(rule, order.transactionId()), payableFen);
            if (rule.usedFen() + amount > rule.budgetFen()) {
                continue;
            }
            rules.use(rule.id(), order.id(), payerUserId, amount, day, now);
            return Optional.of(discount(rule, amount, order));
        }
        return Optional.empty();
    }

    /** The rule's amount for one payment: fixed, or drawn from a generator seeded by rule and transaction. */
    static long amountOf(DiscountRule rule, String transactionId) {
        if (rule.fixed()) {
            return rule.minAmountFen();
        }
        CRC32C crc = new CRC32C();
        crc.update((rule.ruleId() + ":" + transactionId).getBytes(StandardCharsets.UTF_8));
        return new SplittableRandom(crc.getValue()).nextLong(rule.minAmountFen(), rule.maxAmountFen() + 1);
    }

    /** Who pays the discount, in the ledger and in {@code promotion_detail} (as for coupons). */
    private static PaymentHook.Discount discount(DiscountRule rule, long amountFen, PaymentOrder order) {
        PaymentHook.PromotionType type = rule.funding().preFunded() ? PaymentHook.PromotionType.CASH
                : PaymentHook.PromotionType.NOCASH;
        boolean platform = rule.funding() == StockFunding.PLATFORM;
        boolean own = !platform && rule.ownerMerchantId() != null && rule.ownerMerchantId() == order.merchantId();
        long account = rule.fundingAccountId() == null ? 0 : rule.fundingAccountId();
        return new PaymentHook.Discount(rule.ruleId(), rule.name(), amountFen, account,
                new PaymentHook.Promotion(rule.ruleId(), "GLOBAL", type, platform ? amountFen : 0,
                        own ? amountFen : 0, !platform && !own ? amountFen : 0));
    }

    /** The ledger reference of everything a rule's budget does: {@code discount_rule:<rule_id>}. */
    public static String reference(String ruleId) {
        return "discount_rule:" + ruleId;
    }

    private long funderAccount(Long merchantId, StockFunding funding) {
        return funding == StockFunding.PLATFORM ? PlatformAccount.OPERATOR_CAPITAL.id()
                : accounts.openMerchantSettlement(merchantId);
    }

    private long openRuleAccount(String ruleId) {
        String reference = reference(ruleId);
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

    /** Rule ids have ten digits, coupon stock ids eight: one {@code promotion_detail} id never names both. */
    private String newRuleId() {
        for (int i = 0; i < 10; i++) {
            String id = Long.toString(1_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 9_000_000_000L);
            if (rules.byRuleId(id).isEmpty()) {
                return id;
            }
        }
        throw new IllegalStateException("no free rule id after 10 draws");
    }
}
