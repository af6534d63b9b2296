package io.lingqian.payout;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.OpenIds;
import io.lingqian.payout.PayoutRefusal.Reason;
import io.lingqian.payout.internal.PayoutStore;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.wallet.BillDescriber;
import io.lingqian.wallet.RiskCheck;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletCards;

/**
 * Merchants paying users' balances. A v2 payment is answered only when final: it succeeds (one ledger
 * transfer) or is refused whole ({@link PayoutRefusal}, nothing recorded, so the merchant may retry the
 * same number once the cause is gone). A batch is refused whole for what concerns the batch (its form,
 * the merchant's balance and daily limit); otherwise it is recorded and processed at once, and a
 * detail the user's side refuses (no real name, wrong name, the user's daily limits, the risk gate)
 * FAILs with its {@code fail_reason} while the others are paid. The merchant's number is the
 * idempotency key: the same number with the same content answers the first outcome again, with other
 * content {@link Reason#NUMBER_USED}; money never moves twice, because each payout's ledger transfer
 * carries the payout's own number as id.
 *
 * <p>The daily limits count the China day of the clock, per merchant (and per merchant and user),
 * over successful payouts. A merchant's payouts are serialised on a lock row of their own, so the
 * limits hold under concurrency.
 */
@Service
@EnableConfigurationProperties(PayoutProperties.class)
public class Payouts implements BillDescriber {

    public static final String REFERENCE_PREFIX = "payout:";
    private static final String V2_SCOPE = "transfers";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final PayoutStore store;
    private final PayoutProperties limits;
    private final OpenIds openIds;
    private final WalletCards cards;
    private final Verifications verifications;
    private final RiskCheck risk;
    private final MerchantAccounts merchants;
    private final CustomerAccounts accounts;
    private final Ledger ledger;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Payouts(PayoutStore store, PayoutProperties limits, OpenIds openIds, WalletCards cards, Verifications verifications,
            RiskCheck risk, MerchantAccounts merchants, CustomerAccounts accounts, Ledger ledger,
            PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.openIds = openIds;
        this.cards = cards;
        this.verifications = verifications;
        this.risk = risk;
        this.merchants = merchants;
        this.accounts = accounts;
        this.ledger = ledger;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * A v2 enterprise payment (企业付款到零钱): SUCCESS, or refused.
     *
     * @throws PayoutRefusal when refused; nothing was recorded or moved
     */
    public Payout pay(long merchantId, NewPayout request) {
        Optional<PayoutStore.Row> first = store.byOutNo(merchantId, V2_SCOPE, request.partnerTradeNo());
        if (first.isPresent()) {
            return replay(first.get().payout(), first.get().requestHash(), request.requestHash(), "partner_trade_no");
        }
        // What needs no lock is checked first, the risk gate included: it writes in transactions of its
        // own, which must not wait for a connection while this payout holds the merchant's lock.
        if (request.amountFen() < limits.minimumFen()) {
            throw new PayoutRefusal(Reason.AMOUNT_LIMIT, "付款金额不能小于最低限额: at least " + limits.minimumFen() + " fen");
        }
        checkMerchantDay(merchantId, request.amountFen(), clock.instant());
        long userId = openIds.userOf(request.appid(), request.openid()).orElseThrow(() -> new PayoutRefusal(
                Reason.OPENID_INVALID, "openid is not a user of appid " + request.appid()));
        Reason refused = identityRefusal(userId, request.userName());
        if (refused == null) {
            refused = riskRefusal(merchantId, userId, request.amountFen(),
                    "payout:" + merchantId + ":" + request.partnerTradeNo());
        }
        if (refused != null) {
            throw new PayoutRefusal(refused, message(refused));
        }
        ensureLockRow(merchantId);
        return idempotent(() -> transaction.execute(status -> {
            store.lockMerchant(merchantId);
            Optional<PayoutStore.Row> existing = store.byOutNo(merchantId, V2_SCOPE, request.partnerTradeNo());
            if (existing.isPresent()) {
                return replay(existing.get().payout(), existing.get().requestHash(), request.requestHash(),
                        "partner_trade_no");
            }
            Instant now = clock.instant();
            checkMerchantDay(merchantId, request.amountFen(), now);
            Reason overQuota = quotaRefusal(merchantId, userId, request.amountFen(), now);
            if (overQuota != null) {
                throw new PayoutRefusal(overQuota, message(overQuota));
            }
            String payoutNo = number("1000", now);
            long id = store.insertPayout(payoutNo, merchantId, null, V2_SCOPE, request.partnerTradeNo(),
                    request.appid(), request.openid(), userId, request.amountFen(), request.desc(),
                    request.userName(), request.requestHash(), now);
            store.transition(id, PayoutState.INIT, PayoutState.PROCESSING, null, now);
            store.transition(id, PayoutState.PROCESSING, PayoutState.SUCCESS, null, now);
            post(List.of(transfer(merchantId, userId, payoutNo, request.amountFen())));
            return store.byOutNo(merchantId, V2_SCOPE, request.partnerTradeNo()).orElseThrow().payout();
        }));
    }

    /** A v2 payment by the merchant's {@code partner_trade_no}. */
    public Optional<Payout> payment(long merchantId, String partnerTradeNo) {
        return store.byOutNo(merchantId, V2_SCOPE, partnerTradeNo).map(PayoutStore.Row::payout);
    }

    /**
     * A v3 transfer batch (商家转账), processed at once: FINISHED, each detail SUCCESS or FAIL.
     *
     * @throws PayoutRefusal when the batch is refused whole; nothing was recorded or moved
     */
    public PayoutBatch submit(long merchantId, NewBatch request) {
        Optional<PayoutStore.BatchRow> first = store.batchByOutNo(merchantId, request.outBatchNo());
        if (first.isPresent()) {
            return replay(first.get().batch(), first.get().requestHash(), request.requestHash(), "out_batch_no");
        }
        validate(request);
        checkMerchantDay(merchantId, request.totalAmountFen(), clock.instant());
        // The users' side that needs no lock, the risk gate included (as in pay), detail by detail.
        List<Optional<Long>> users = new ArrayList<>();
        List<Reason> refusals = new ArrayList<>();
        for (NewBatch.Detail d : request.details()) {
            Optional<Long> user = openIds.userOf(request.appid(), d.openid());
            Reason refused = user.isEmpty() ? Reason.OPENID_INVALID : identityRefusal(user.get(), d.userName());
            if (refused == null) {
                refused = riskRefusal(merchantId, user.get(), d.amountFen(),
                        "payout:" + merchantId + ":" + request.outBatchNo() + ":" + d.outDetailNo());
            }
            users.add(user);
            refusals.add(refused);
        }
        ensureLockRow(merchantId);
        return idempotent(() -> transaction.execute(status -> {
            store.lockMerchant(merchantId);
            Optional<PayoutStore.BatchRow> existing = store.batchByOutNo(merchantId, request.outBatchNo());
            if (existing.isPresent()) {
                return replay(existing.get().batch(), existing.get().requestHash(), request.requestHash(),
                        "out_batch_no");
            }
            Instant now = clock.instant();
            checkMerchantDay(merchantId, request.totalAmountFen(), now);
            long settlement = accounts.openMerchantSettlement(merchantId);
            long available = ledger.account(settlement).map(a -> a.balances().availableCredit()).orElse(0L);
            if (available < request.totalAmountFen()) {
                throw notEnough();
            }
            String batchId = number("1030", now);
            long batchPk = store.insertBatch(batchId, merchantId, request.outBatchNo(), request.appid(), request.name(),
                    request.remark(), request.totalAmountFen(), request.totalNum(), request.transferSceneId(),
                    request.requestHash(), now);
            store.batchTransition(batchPk, BatchState.ACCEPTED, BatchState.PROCESSING, now);
            List<TransferRequest> transfers = new ArrayList<>();
            for (int i = 0; i < request.details().size(); i++) {
                NewBatch.Detail d = request.details().get(i);
                Optional<Long> user = users.get(i);
                String payoutNo = number("1040", now);
                long id = store.insertPayout(payoutNo, merchantId, batchPk, "batch:" + batchPk, d.outDetailNo(),
                        request.appid(), d.openid(), user.orElse(null), d.amountFen(), d.remark(), d.userName(), null,
                        now);
                Reason refused = refusals.get(i) != null ? refusals.get(i)
                        : quotaRefusal(merchantId, user.orElseThrow(), d.amountFen(), now);
                if (refused != null) {
                    store.transition(id, PayoutState.INIT, PayoutState.FAIL, refused.failReason().name(), now);
                    continue;
                }
                store.transition(id, PayoutState.INIT, PayoutState.PROCESSING, null, now);
                store.transition(id, PayoutState.PROCESSING, PayoutState.SUCCESS, null, now);
                transfers.add(transfer(merchantId, user.get(), payoutNo, d.amountFen()));
            }
            store.countOutcome(batchPk);
            store.batchTransition(batchPk, BatchState.PROCESSING, BatchState.FINISHED, now);
            post(transfers);
            return store.batchByOutNo(merchantId, request.outBatchNo()).orElseThrow().batch();
        }));
    }

    public Optional<PayoutBatch> batch(long merchantId, String batchId) {
        return store.batchByBatchId(merchantId, batchId).map(PayoutStore.BatchRow::batch);
    }

    public Optional<PayoutBatch> batchByOutNo(long merchantId, String outBatchNo) {
        return store.batchByOutNo(merchantId, outBatchNo).map(PayoutStore.BatchRow::batch);
    }

    /** A page of a batch's details in order, only those in {@code state} when it is not null. */
    public List<Payout> details(PayoutBatch batch, PayoutState state, int offset, int limit) {
        return store.details(batch.id(), state, offset, limit);
    }

    public Optional<Payout> detail(PayoutBatch batch, String detailId) {
        return store.detailByNo(batch.id(), detailId);
    }

    public Optional<Payout> detailByOutNo(PayoutBatch batch, String outDetailNo) {
        return store.detailByOutNo(batch.id(), outDetailNo);
    }

    /** The merchant's latest payouts of both kinds, newest first. */
    public List<Payout> recent(long merchantId, int limit) {
        return store.recent(merchantId, limit);
    }

    /** A payout in the user's bill list: the merchant's note, and the merchant's name. */
    @Override
    public Optional<BillDescriber.Description> describe(long userId, String reference) {
        if (!reference.startsWith(REFERENCE_PREFIX)) {
            return Optional.empty();
        }
        return store.byPayoutNo(reference.substring(REFERENCE_PREFIX.length())).map(PayoutStore.Row::payout)
                .filter(p -> p.userId() != null && p.userId() == userId)
                .map(p -> new BillDescriber.Description(p.remark(), merchants.merchant(p.merchantId())
                        .map(m -> m.name()).orElse("")));
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** Two requests with one number racing: the loser reads the winner's outcome. */
    private static <T> T idempotent(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (DuplicateKeyException raced) {
            return attempt.get();
        }
    }

    private static <T> T replay(T first, String firstHash, String hash, String key) {
        if (!firstHash.equals(hash)) {
            throw new PayoutRefusal(Reason.NUMBER_USED, key + " was used before for a request with other content");
        }
        return first;
    }

    /**
     * Makes sure the merchant has its lock row, outside the payout's transaction; the transaction then
     * locks it (SELECT … FOR UPDATE), which serialises the merchant's payouts so that the daily sums
     * read for the limits stay true until the payout is posted.
     */
    private void ensureLockRow(long merchantId) {
        if (store.hasMerchantLock(merchantId)) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> store.addMerchantLock(merchantId));
        } catch (DuplicateKeyException added) {
            // another payout of the merchant added it first
        }
    }

    private void validate(NewBatch request) {
        List<NewBatch.Detail> details = request.details();
        if (details.isEmpty() || details.size() > limits.maxBatchDetails()) {
            throw new PayoutRefusal(Reason.INVALID_BATCH, "transfer_detail_list has 1 to " + limits.maxBatchDetails()
                    + " details");
        }
        if (request.totalNum() != details.size()) {
            throw new PayoutRefusal(Reason.INVALID_BATCH, "total_num is " + request.totalNum() + " but "
                    + "transfer_detail_list has " + details.size() + " details");
        }
        long sum = 0;
        Set<String> numbers = new HashSet<>();
        for (NewBatch.Detail d : details) {
            if (d.amountFen() < limits.minimumFen()) {
                throw new PayoutRefusal(Reason.AMOUNT_LIMIT, "transfer_amount of " + d.outDetailNo()
                        + " is below the minimum of " + limits.minimumFen() + " fen");
            }
            if (!numbers.add(d.outDetailNo())) {
                throw new PayoutRefusal(Reason.INVALID_BATCH, "out_detail_no " + d.outDetailNo() + " appears twice");
            }
            sum = Math.addExact(sum, d.amountFen());
        }
        if (sum != request.totalAmountFen()) {
            throw new PayoutRefusal(Reason.INVALID_BATCH, "total_amount is " + request.totalAmountFen()
                    + " but the details add up to " + sum);
        }
    }

    private void checkMerchantDay(long merchantId, long amountFen, Instant now) {
        if (store.merchantSuccessSince(merchantId, startOfDay(now)) + amountFen > limits.merchantDailyFen()) {
            throw new PayoutRefusal(Reason.MERCHANT_DAILY_LIMIT, "已达到今日商户付款额度上限: the merchant pays out at most "
                    + limits.merchantDailyFen() + " fen a day");
        }
    }

    /** A user without a verified real name, or not under the name the merchant gave; null when fine. */
    private Reason identityRefusal(long userId, String userName) {
        if (cards.identity(userId).isEmpty()) {
            return Reason.NOT_REAL_NAME;
        }
        if (userName != null && !verifications.realNameIs(userId, userName)) {
            return Reason.NAME_MISMATCH;
        }
        return null;
    }

    /** The risk gate, with the user as subject and the merchant as counterparty; null when it lets it through. */
    private Reason riskRefusal(long merchantId, long userId, long amountFen, String riskKey) {
        try {
            risk.check(new RiskCheck.Attempt(RiskCheck.Action.PAYOUT, riskKey, userId, null, amountFen, null,
                    merchantId, null, null, false));
            return null;
        } catch (ApiProblemException refused) {
            return "wallet_frozen".equals(refused.code()) ? Reason.ACCOUNT_FROZEN : Reason.RISK;
        }
    }

    /** The user's daily count and amount from this merchant; null when within. Under the merchant's lock. */
    private Reason quotaRefusal(long merchantId, long userId, long amountFen, Instant now) {
        long[] today = store.userSuccessSince(merchantId, userId, startOfDay(now));
        if (today[0] >= limits.userDailyCount()) {
            return Reason.USER_DAILY_COUNT;
        }
        if (today[1] + amountFen > limits.userDailyFen()) {
            return Reason.USER_DAILY_AMOUNT;
        }
        return null;
    }

    private static String message(Reason reason) {
        return switch (reason) {
            case NOT_REAL_NAME -> "无法给未实名用户付款: the user has not verified a real name";
            case NAME_MISMATCH -> "收款人姓名校验不一致: re_user_name is not the user's verified name";
            case USER_DAILY_COUNT -> "该用户今日付款次数超过限制";
            case USER_DAILY_AMOUNT -> "已达到今日付款给此用户额度上限";
            case ACCOUNT_FROZEN -> "用户账户收款异常: the user's wallet is frozen";
            case RISK -> "用户账户收款异常: refused by risk control";
            default -> reason.name();
        };
    }

    private TransferRequest transfer(long merchantId, long userId, String payoutNo, long amountFen) {
        return TransferRequest.single(REFERENCE_PREFIX + payoutNo, accounts.openMerchantSettlement(merchantId),
                accounts.openWallet(userId), amountFen, Ledger.CNY, TransferCode.PAYOUT.code(),
                REFERENCE_PREFIX + payoutNo);
    }

    /** Last in the transaction: a refusal rolls back everything recorded before it. */
    private void post(List<TransferRequest> transfers) {
        if (transfers.isEmpty()) {
            return;
        }
        for (TransferResult r : ledger.createTransfers(transfers)) {
            if (r.result() == CreateTransferResult.EXCEEDS_CREDITS
                    || r.result() == CreateTransferResult.DEBIT_ACCOUNT_FROZEN) {
                throw notEnough();
            }
            r.orThrow();
        }
    }

    private static PayoutRefusal notEnough() {
        return new PayoutRefusal(Reason.NOT_ENOUGH, "余额不足: the merchant's settlement balance does not cover it");
    }

    private Instant startOfDay(Instant now) {
        return LocalDate.ofInstant(now, CHINA).atStartOfDay(CHINA).toInstant();
    }

    /** A number in WeChat's style: a prefix, the China date and 14 random digits; unique by constraint. */
    private String number(String prefix, Instant now) {
        StringBuilder digits = new StringBuilder(prefix).append(DAY.format(now.atZone(CHINA)));
        for (int i = 0; i < 14; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
