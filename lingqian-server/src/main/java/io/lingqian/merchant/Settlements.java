package io.lingqian.merchant;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.TransferRefusedException;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.merchant.internal.ApplicationStore;
import io.lingqian.merchant.internal.MerchantStore;
import io.lingqian.merchant.internal.SettlementStore;
import io.lingqian.platform.crypto.FieldCipher;

/**
 * The daily settlement: each active merchant's takings of day D are paid out to its bank account on
 * day D+N (T+N, N from its {@link FeeRate}), net of fees and refunds.
 *
 * <p>In postings, when the payout is sent: {@code merchant settlement → SETTLEMENT_IN_TRANSIT} and a
 * hold {@code SETTLEMENT_IN_TRANSIT → BANK_RESERVE(paying bank)}, linked. The hold is what makes the
 * bank's reserve cover the payout: the reserve may not be credited past what it holds, counting
 * holds, so concurrent payouts (settlements and withdrawals) can never promise more than the reserve
 * has; a payout it cannot cover is not sent, the money stays with the merchant and the settlement
 * WAITS, retried on every run. When the bank confirms, the hold is posted; when it refuses, the hold
 * is voided and the money returns to the merchant. An unknown outcome keeps the hold and is asked
 * again on every run. Ledger ids are {@code settlement:<id>:<attempt>[:hold|:post|:void|:return]}.
 *
 * <p>Idempotent per (merchant, day): the row is unique on it, so a second run or instance finds it.
 */
@Service
public class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);
    private static final List<SettlementState> OPEN = List.of(SettlementState.IN_TRANSIT, SettlementState.UNKNOWN);
    /** Attempts per settlement on its own day; after that the money waits for the next day's settlement. */
    static final int MAX_ATTEMPTS = 3;
    private static final int PAGE = 500;
    private static final int STATEMENT_PAGE = 1000;

    /** What one run did, for the job's log and for staff. */
    public record RunSummary(int created, int paid, int failed, int unknown) {
    }

    private final SettlementStore store;
    private final ApplicationStore applications;
    private final MerchantStore merchants;
    private final MerchantFees fees;
    private final SettlementBank bank;
    private final Ledger ledger;
    private final FieldCipher cipher;
    private final MerchantProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Settlements(SettlementStore store, ApplicationStore applications, MerchantStore merchants, MerchantFees fees,
            SettlementBank bank, Ledger ledger, FieldCipher cipher, MerchantProperties properties,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.applications = applications;
        this.merchants = merchants;
        this.fees = fees;
        this.bank = bank;
        this.ledger = ledger;
        this.cipher = cipher;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Asks the bank again about every payout in transit or unknown, then settles today for every
     * active merchant that has not been settled today (or whose settlement today failed).
     */
    public RunSummary run() {
        int[] counts = new int[4];
        for (Settlement open : store.inStates(OPEN, PAGE)) {
            count(counts, pay(open.id()));
        }
        long after = 0;
        List<Long> page;
        do {
            page = merchants.activeMerchantIds(after, PAGE);
            for (long merchantId : page) {
                Optional<Long> started;
                try {
                    started = start(merchantId);
                } catch (TransferRefusedException e) {
                    // e.g. a refund spent the money between reading the balance and moving it: next run
                    log.warn("Settlement of merchant {} not started: {}", merchantId, e.getMessage());
                    started = Optional.empty();
                }
                if (started.isPresent()) {
                    counts[0]++;
                    count(counts, pay(started.get()));
                }
                after = merchantId;
            }
        } while (page.size() == PAGE);
        RunSummary summary = new RunSummary(counts[0], counts[1], counts[2], counts[3]);
        if (summary.created() + summary.paid() + summary.failed() + summary.unknown() > 0) {
            log.info("Settlement run: {}", summary);
        }
        return summary;
    }

    /** Settles one merchant today (idempotent), and returns the day's settlement, if anything was due. */
    public Optional<Settlement> settle(long merchantId) {
        start(merchantId).ifPresent(this::pay);
        return store.find(merchantId, today()).map(SettlementStore.Row::settlement);
    }

    public MerchantBalance balance(long merchantId) {
        Balances b = ledger.accountByReference(CustomerAccounts.merchantSettlementReference(merchantId))
                .map(Account::balances).orElse(Balances.ZERO);
        return new MerchantBalance(b.creditBalance(), store.inTransitFen(merchantId), store.paidFen(merchantId));
    }

    /** The merchant's settlements, newest first. */
    public List<Settlement> history(long merchantId) {
        return store.ofMerchant(merchantId, 366);
    }

    /** A merchant's own settlement; empty for another merchant's. */
    public Optional<Settlement> settlement(long merchantId, long settlementId) {
        return store.find(settlementId).map(SettlementStore.Row::settlement).filter(s -> s.merchantId() == merchantId);
    }

    /**
     * For staff: settlements that failed, wait for the paying bank's reserve, are in transit or whose
     * outcome is unknown, oldest first.
     */
    public List<Settlement> needingAttention() {
        return store.inStates(List.of(SettlementState.FAILED, SettlementState.WAITING, SettlementState.UNKNOWN,
                SettlementState.IN_TRANSIT), PAGE);
    }

    /** The day's report as CSV: the settlement's figures, one line per field. */
    public String report(Settlement s) {
        return "field,value\n"
                + "settlement_id," + s.id() + "\n"
                + "settlement_date," + s.settlementDate() + "\n"
                + "traded_through," + s.tradedThrough() + "\n"
                + "payments_fen," + s.paymentsFen() + "\n"
                + "refunds_fen," + s.refundsFen() + "\n"
                + "fees_fen," + s.feesFen() + "\n"
                + "other_fen," + s.otherFen() + "\n"
                + "period_net_fen," + s.periodNetFen() + "\n"
                + "paid_out_fen," + s.amountFen() + "\n"
                + "state," + s.state() + "\n"
                + "paying_bank," + s.payingBank() + "\n";
    }

    /**
     * Writes today's settlement and its postings, in one transaction; empty when there is nothing to
     * pay now, or the settlement waits for the reserve.
     */
    private Optional<Long> start(long merchantId) {
        try {
            return transactions.execute(status -> startInTransaction(merchantId));
        } catch (DuplicateKeyException settledByAnotherInstance) {
            return Optional.empty();
        }
    }

    private Optional<Long> startInTransaction(long merchantId) {
        LocalDate today = today();
        Optional<Account> account = ledger.accountByReference(CustomerAccounts.merchantSettlementReference(merchantId));
        if (account.isEmpty() || applications.settlementAccount(merchantId).isEmpty()) {
            return Optional.empty();
        }
        Optional<SettlementStore.Row> existing = store.find(merchantId, today);
        if (existing.isPresent()) {
            return retry(existing.get(), account.get());
        }
        int days = fees.rateOf(merchantId).settlementDays();
        LocalDate tradedThrough = today.minusDays(days);
        Instant cutoff = tradedThrough.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        Optional<SettlementStore.Row> previous = store.latestBefore(merchantId, today);
        if (previous.isPresent() && previous.get().settlement().state() == SettlementState.WAITING) {
            // the waiting one pays everything due when the reserve covers it; a new day would only compete
            return retry(previous.get(), account.get());
        }
        Accrual accrual = accrue(account.get().id(), previous.map(SettlementStore.Row::throughSeq).orElse(0L), cutoff);
        long accrued = previous.map(p -> p.settlement().accruedFen()).orElse(0L) + accrual.net();
        long amount = payable(merchantId, 0, accrued, account.get());
        if (accrual.lines() == 0 && amount == 0) {
            return Optional.empty();
        }
        SettlementState state = amount > 0 ? SettlementState.IN_TRANSIT : SettlementState.NOTHING_DUE;
        long id = store.insert(new SettlementStore.NewSettlement(merchantId, today, tradedThrough, accrual.throughSeq(),
                accrued, accrual.payments(), accrual.refunds(), accrual.fees(), accrual.other(), amount, state,
                amount > 0 ? 1 : 0, properties.bank().name()), clock.instant());
        // listeners post in this transaction (a provider's commission on the period's fees)
        events.publishEvent(new SettlementOpened(id, merchantId, today, accrual.fees()));
        if (amount == 0) {
            return Optional.empty();
        }
        return cover(id, 1, account.get().id(), amount) ? Optional.of(id) : Optional.empty();
    }

    /** Another attempt of a failed settlement of today, or of one waiting for the reserve. */
    private Optional<Long> retry(SettlementStore.Row row, Account account) {
        Settlement s = row.settlement();
        long amount = payable(s.merchantId(), s.id(), s.accruedFen(), account);
        Instant now = clock.instant();
        if (s.state() == SettlementState.WAITING) {
            if (amount == 0) {
                store.nothingDue(s.id(), s.attempts(), now);
                return Optional.empty();
            }
            // nothing reached the ledger or the bank under this attempt's ids: it is tried again as it is
            if (!store.resume(s.id(), s.attempts(), amount, now)) {
                return Optional.empty();
            }
            return cover(s.id(), s.attempts(), account.id(), amount) ? Optional.of(s.id()) : Optional.empty();
        }
        if (s.state() != SettlementState.FAILED || s.attempts() >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        if (amount == 0 || !store.retry(s.id(), s.attempts(), amount, now)) {
            return Optional.empty();
        }
        return cover(s.id(), s.attempts() + 1, account.id(), amount) ? Optional.of(s.id()) : Optional.empty();
    }

    /** What is due (accrued, less what other settlements paid or hold), but never more than is available. */
    private long payable(long merchantId, long settlementId, long accrued, Account account) {
        long due = accrued - store.committedFen(merchantId, settlementId);
        return Math.max(0, Math.min(due, account.balances().availableCredit()));
    }

    /**
     * Moves the payout out of the merchant's account and holds it against the paying bank's reserve,
     * linked, as the last step of the transaction. When the reserve cannot cover it nothing moves and
     * the settlement waits; returns whether the payout may be sent.
     */
    private boolean cover(long settlementId, int attempt, long merchantAccount, long amount) {
        Settlement s = store.find(settlementId).orElseThrow().settlement();
        PartnerBank payingBank = PartnerBank.valueOf(s.payingBank());
        String id = transferId(settlementId, attempt);
        String reference = "settlement:" + settlementId;
        List<TransferResult> results = ledger.createLinked(List.of(
                TransferRequest.single(id, merchantAccount, PlatformAccount.SETTLEMENT_IN_TRANSIT.id(), amount,
                        Ledger.CNY, TransferCode.SETTLEMENT.code(), reference),
                TransferRequest.pending(id + ":hold", PlatformAccount.SETTLEMENT_IN_TRANSIT.id(),
                        PlatformAccount.bankReserve(payingBank).id(), amount, Ledger.CNY,
                        TransferCode.SETTLEMENT.code(), 0, reference)));
        Optional<TransferResult> failed = failure(results);
        if (failed.isEmpty()) {
            return true;
        }
        if (failed.get().result() == CreateTransferResult.EXCEEDS_DEBITS) {
            store.waiting(settlementId, attempt, "The reserve at " + payingBank.displayName()
                    + " cannot cover this payout now; it is sent when it can.", clock.instant());
            return false;
        }
        throw new TransferRefusedException(failed.get().id(), failed.get().result());
    }

    /** The transfer that failed a batch: it carries the reason, the rest of a chain says LINKED_EVENT_FAILED. */
    private static Optional<TransferResult> failure(List<TransferResult> results) {
        return results.stream().filter(r -> !r.ok() && r.result() != CreateTransferResult.LINKED_EVENT_FAILED)
                .findFirst().or(() -> results.stream().filter(r -> !r.ok()).findFirst());
    }

    private static void orThrow(List<TransferResult> results) {
        failure(results).ifPresent(TransferResult::orThrow);
    }

    /** Sends (or sends again) the payout of a settlement in transit and records the answer. */
    private SettlementState pay(long settlementId) {
        Settlement s = store.find(settlementId).orElseThrow().settlement();
        if (s.state() != SettlementState.IN_TRANSIT && s.state() != SettlementState.UNKNOWN) {
            return s.state();
        }
        ApplicationStore.SealedAccount account = applications.settlementAccount(s.merchantId()).orElseThrow();
        SettlementBank.Result result;
        try {
            result = bank.pay(new SettlementBank.Payout(transferId(s.id(), s.attempts()), s.merchantId(),
                    s.payingBank(), account.bankName(), account.holderName(),
                    cipher.open(account.sealedNumber(), MerchantApplications.ACCOUNT_PURPOSE), s.amountFen()));
        } catch (RuntimeException e) {
            // A crash in the connector is an unknown outcome: the instruction may have reached the bank.
            log.warn("Settlement {} payout failed with {}; will ask again", s.id(), e.getClass().getSimpleName());
            result = new SettlementBank.Result(SettlementBank.Outcome.UNKNOWN, "bank connector error");
        }
        SettlementBank.Result answer = result;
        return transactions.execute(status -> record(s, answer));
    }

    private SettlementState record(Settlement s, SettlementBank.Result result) {
        String attempt = transferId(s.id(), s.attempts());
        String hold = attempt + ":hold";
        Instant now = clock.instant();
        switch (result.outcome()) {
            case SUCCEEDED -> {
                if (store.resolve(s.id(), s.attempts(), SettlementState.PAID, null, now)) {
                    ledger.createTransfer(TransferRequest.post(attempt + ":post", hold)).orThrow();
                }
                return SettlementState.PAID;
            }
            case FAILED -> {
                if (store.resolve(s.id(), s.attempts(), SettlementState.FAILED, detail(result), now)) {
                    long merchantAccount = ledger.accountByReference(
                            CustomerAccounts.merchantSettlementReference(s.merchantId())).orElseThrow().id();
                    orThrow(ledger.createLinked(List.of(
                            TransferRequest.voidPending(attempt + ":void", hold),
                            TransferRequest.single(attempt + ":return", PlatformAccount.SETTLEMENT_IN_TRANSIT.id(),
                                    merchantAccount, s.amountFen(), Ledger.CNY, TransferCode.SETTLEMENT.code(),
                                    "settlement:" + s.id()))));
                }
                return SettlementState.FAILED;
            }
            default -> {
                store.resolve(s.id(), s.attempts(), SettlementState.UNKNOWN, detail(result), now);
                return SettlementState.UNKNOWN;
            }
        }
    }

    private record Accrual(long throughSeq, int lines, long payments, long refunds, long fees, long other) {
        long net() {
            return payments - refunds - fees + other;
        }
    }

    /**
     * Sums the merchant account's posted movements after {@code afterSeq} and before the cut-off, by
     * what they are, leaving out settlements themselves. Reads the statement's running totals, so a
     * post of a hold counts with what it actually posted.
     */
    private Accrual accrue(long accountId, long afterSeq, Instant cutoff) {
        long through = afterSeq;
        int lines = 0;
        long payments = 0;
        long refunds = 0;
        long feesFen = 0;
        long other = 0;
        Long next = afterSeq;
        while (next != null) {
            Statement page = ledger.statement(accountId, next, STATEMENT_PAGE);
            Balances before = page.opening();
            for (Statement.Line line : page.lines()) {
                if (!line.at().isBefore(cutoff)) {
                    return new Accrual(through, lines, payments, refunds, feesFen, other);
                }
                long credited = line.after().creditsPosted() - before.creditsPosted();
                long debited = line.after().debitsPosted() - before.debitsPosted();
                before = line.after();
                through = line.seq();
                if (line.code() == TransferCode.SETTLEMENT.code() || (credited == 0 && debited == 0)) {
                    continue;
                }
                lines++;
                long net = credited - debited;
                if (line.code() == TransferCode.PAYMENT.code()) {
                    payments += net;
                } else if (line.code() == TransferCode.REFUND.code()) {
                    refunds -= net;
                } else if (line.code() == TransferCode.PAYMENT_FEE.code() || line.code() == TransferCode.FEE_REFUND.code()) {
                    feesFen -= net;
                } else {
                    other += net;
                }
            }
            next = page.nextAfterSeq();
        }
        return new Accrual(through, lines, payments, refunds, feesFen, other);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static String transferId(long settlementId, int attempt) {
        return "settlement:" + settlementId + ":" + attempt;
    }

    private static String detail(SettlementBank.Result result) {
        String d = result.detail() == null ? "" : result.detail();
        return d.length() > 500 ? d.substring(0, 500) : d;
    }

    private static void count(int[] counts, SettlementState state) {
        switch (state) {
            case PAID -> counts[1]++;
            case FAILED -> counts[2]++;
            case UNKNOWN -> counts[3]++;
            default -> { }
        }
    }
}
