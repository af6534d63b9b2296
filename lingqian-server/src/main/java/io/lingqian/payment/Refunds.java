package io.lingqian.payment;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.wallet.CardCredit;
import io.lingqian.wallet.CardCreditSettled;
import io.lingqian.wallet.CardCredits;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferResult;
import io.lingqian.merchant.Fees;
import io.lingqian.payment.RefundRefusal.Reason;
import io.lingqian.payment.internal.DiscountStore;
import io.lingqian.payment.internal.OrderStore;
import io.lingqian.payment.internal.RefundStore;

/**
 * Refunds of paid orders (reference §3.5–3.7, docs/payments.md "Refunds"): partial and repeated up to
 * what was paid, at most {@value #MAX_REFUNDS_PER_ORDER} per order, within the refund window after
 * the payment, idempotent on the merchant's {@code out_refund_no}. Every method takes the calling
 * merchant's id, so a merchant only ever reaches its own orders and refunds.
 *
 * <p>A refund is one transaction: the order row is locked (so concurrent refunds of one order are
 * checked one after another against what is left), the refund is recorded, the order becomes REFUND
 * on its first refund, a refund to the balance becomes SUCCESS at once and its notification is
 * written, and the linked batch of {@link RefundPostings} is posted last. A refused posting (the
 * merchant's balance short) rolls all of it back.
 */
@Service
public class Refunds {

    /** WeChat Pay's limit on partial refunds of one order. */
    public static final int MAX_REFUNDS_PER_ORDER = 50;
    private static final Logger log = LoggerFactory.getLogger(Refunds.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(CHINA);
    private static final int ID_ATTEMPTS = 10;

    private final RefundStore refunds;
    private final OrderStore orders;
    private final DiscountStore discounts;
    private final CustomerAccounts accounts;
    private final Ledger ledger;
    private final CardCredits cardCredits;
    private final PaymentProperties settings;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RefundHook> hooks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Refunds(RefundStore refunds, OrderStore orders, DiscountStore discounts, CustomerAccounts accounts, Ledger ledger, CardCredits cardCredits,
            PaymentProperties settings, TransactionTemplate transaction, ApplicationEventPublisher events,
            ObjectProvider<RefundHook> hooks, Clock clock) {
        this.hooks = hooks;
        this.cardCredits = cardCredits;
        this.refunds = refunds;
        this.orders = orders;
        this.discounts = discounts;
        this.accounts = accounts;
        this.ledger = ledger;
        this.settings = settings;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Refunds part or all of a paid order, or answers a repeat of the same request with the refund
     * it created (in its current status).
     *
     * @throws RefundRefusal {@code NOT_FOUND} (no such paid order of this merchant), {@code INVALID}
     *         (over-refund, the 51st refund, past the window, a wrong total, the out_refund_no used
     *         with other content), {@code MERCHANT_BALANCE_SHORT}, {@code PAYER_ACCOUNT_CLOSED}
     */
    public Refund refund(long merchantId, NewRefund request) {
        Optional<RefundStore.Stored> existing = refunds.byOutRefundNo(merchantId, request.outRefundNo());
        if (existing.isPresent()) {
            return repeat(existing.get(), request);
        }
        PaymentOrder order = paidOrder(merchantId, request);
        long settlement = accounts.openMerchantSettlement(merchantId);
        Destination destination = destinationOf(order);
        List<PaymentHook.Discount> paymentDiscounts = discountsOf(order);
        try {
            long id = transaction.execute(status -> refundLocked(order.id(), request, settlement, destination,
                    paymentDiscounts));
            Refund created = refunds.byId(id);
            if (created.status() == RefundStatus.PROCESSING) {
                sendToCard(created.refundId(), 1);
            }
            return refunds.byId(id);
        } catch (DuplicateKeyException e) {
            // The same out_refund_no on another order of the merchant at the same moment: the unique
            // key let the other one in; this one is a repeat or a reuse of it.
            return refunds.byOutRefundNo(merchantId, request.outRefundNo()).map(s -> repeat(s, request))
                    .orElseThrow(() -> e);
        }
    }

    private long refundLocked(long orderId, NewRefund request, long settlement, Destination route,
            List<PaymentHook.Discount> paymentDiscounts) {
        Destination destination = route;
        PaymentOrder order = orders.lock(orderId);
        Instant now = clock.instant();
        if (!order.tradeState().isPaid()) {
            throw notFound("order " + order.outTradeNo() + " is not paid");
        }
        if (now.isAfter(order.successTime().plus(settings.refundWindow()))) {
            throw invalid("order " + order.outTradeNo() + " was paid more than "
                    + settings.refundWindow().toDays() + " days ago and can no longer be refunded");
        }
        if (request.totalFen() != order.totalFen()) {
            throw invalid("amount.total " + request.totalFen() + " is not the order's total " + order.totalFen());
        }
        if (refunds.count(orderId) >= MAX_REFUNDS_PER_ORDER) {
            throw invalid("order " + order.outTradeNo() + " has had " + MAX_REFUNDS_PER_ORDER
                    + " refunds, the most one order can have");
        }
        RefundStore.Totals before = refunds.totals(orderId);
        long refundable = order.totalFen() - before.refundFen();
        if (request.refundFen() > refundable) {
            throw invalid("amount.refund " + request.refundFen() + " exceeds the " + refundable
                    + " fen left to refund of order " + order.outTradeNo());
        }
        long payerTotal = order.payerTotalFen();
        long refundedSoFar = before.refundFen() + request.refundFen();
        // The payer's part is the payer's share of everything refunded so far, less what earlier
        // refunds gave back: rounding never drifts, and the last refund takes the exact remainder.
        long payerRefund = shareSoFar(payerTotal, refundedSoFar, order.totalFen()) - before.payerRefundFen();
        long discountRefund = request.refundFen() - payerRefund;
        long feeRefund = Fees.refundFeeOf(order.totalFen(), order.feeFen(), before.refundFen(), before.feeRefundFen(),
                request.refundFen());
        RefundHook.Hold hold = destination.kind() == RefundDestination.BALANCE && payerRefund > 0
                ? holdOf(order, request) : RefundHook.Hold.NONE;
        if (hold != RefundHook.Hold.NONE) {
            destination = new Destination(RefundDestination.BALANCE, PlatformAccount.WITHDRAWAL_IN_TRANSIT.id());
        }
        String refundId = newRefundId(now);
        long id = refunds.insert(new RefundStore.NewRow(refundId, order.merchantId(), orderId, request.outRefundNo(),
                request.reason(), request.notifyUrl(), request.from(), destination.kind(), request.refundFen(),
                payerRefund, discountRefund, feeRefund, request.requestDigest()), now);
        if (order.tradeState() == TradeState.SUCCESS) {
            orders.markRefunded(orderId, TradeState.SUCCESS, "first refund " + refundId, now);
        }
        if (hold == RefundHook.Hold.ABNORMAL) {
            refunds.transition(id, RefundStatus.PROCESSING, RefundStatus.ABNORMAL,
                    "sandbox: forced abnormal, the money waits in transit", now);
            Refund done = refunds.byId(id);
            events.publishEvent(new RefundChanged(done, notifyUrlOf(done, order)));
        } else if (hold == RefundHook.Hold.NONE && (destination.kind().immediate() || payerRefund == 0)) {
            refunds.transition(id, RefundStatus.PROCESSING, RefundStatus.SUCCESS,
                    "credited to " + destination.kind().name().toLowerCase(), now);
            Refund done = refunds.byId(id);
            events.publishEvent(new RefundChanged(done, notifyUrlOf(done, order)));
        }
        List<RefundPostings.DiscountLeg> legs = discountLegs(paymentDiscounts, before.discountRefundFen(),
                before.discountRefundFen() + discountRefund).stream()
                .filter(leg -> leg.fundingAccountId() != 0).toList();
        List<TransferRequest> postings = new ArrayList<>(RefundPostings.of(refundId, settlement,
                destination.accountId(), payerRefund, legs, feeRefund));
        if (destination.kind() == RefundDestination.CARD && payerRefund > 0) {
            CardCredit credit = cardCredits.register(order.payerUserId(), order.fundingCardId(), payerRefund,
                    cardPurpose(refundId, 1));
            postings.add(RefundPostings.cardHold(refundId, 1, credit.bank(), payerRefund));
        }
        List<TransferResult> results = ledger.createLinked(postings);
        refuseIfFailed(results, settlement);
        return id;
    }

    /**
     * Where the payer's part of a refund goes, decided here only: back the way the payment came. A
     * balance payment is refunded to the wallet at once; a card payment goes into transit
     * ({@code WITHDRAWAL_IN_TRANSIT}, held towards the card's bank reserve) until the bank credits
     * the card ({@link #onCardCredit}).
     */
    private Destination destinationOf(PaymentOrder order) {
        if (order.fundingCardId() != null) {
            return new Destination(RefundDestination.CARD, PlatformAccount.WITHDRAWAL_IN_TRANSIT.id());
        }
        return new Destination(RefundDestination.BALANCE, accounts.openWallet(order.payerUserId()));
    }

    /** The card credit of a refund's n-th attempt to reach the payer's card: {@code refund:<id>:<n>}. */
    private static String cardPurpose(String refundId, int attempt) {
        return RefundPostings.reference(refundId) + ":" + attempt;
    }

    /** Sends a refund's card credit to the bank; a failure to reach it is left to the wallet's repair job. */
    private void sendToCard(String refundId, int attempt) {
        cardCredits.byPurpose(cardPurpose(refundId, attempt)).ifPresent(credit -> {
            try {
                cardCredits.send(credit.id());
            } catch (RuntimeException e) {
                log.warn("Refund {}: the card credit could not be sent yet ({}); the repair job will", refundId,
                        e.getMessage());
            }
        });
    }

    /**
     * The bank's final answer on a refund's card credit, in the transaction that records it: the hold
     * on the bank reserve is posted and the refund is SUCCESS, or the hold is voided (the money stays
     * in transit under the refund's reference) and the refund is ABNORMAL, for the merchant to
     * re-apply (§3.7). Either way the merchant is notified.
     */
    @EventListener
    void onCardCredit(CardCreditSettled settled) {
        String[] parts = settled.credit().purpose().split(":");
        if (parts.length != 3 || !parts[0].equals("refund")) {
            return;
        }
        String refundId = parts[1];
        int attempt = Integer.parseInt(parts[2]);
        Long id = refunds.idOf(refundId).orElse(null);
        if (id == null) {
            return;
        }
        Refund locked = refunds.lock(id);
        if (locked.status() != RefundStatus.PROCESSING) {
            return;
        }
        Instant now = clock.instant();
        String hold = RefundPostings.cardHoldId(refundId, attempt);
        String card = settled.credit().bank().name() + " card ****" + settled.credit().lastFour();
        if (settled.succeeded()) {
            ledger.createTransfer(TransferRequest.post(hold + ":post", hold)).orThrow();
            refunds.transition(id, RefundStatus.PROCESSING, RefundStatus.SUCCESS, "the bank credited " + card, now);
        } else {
            ledger.createTransfer(TransferRequest.voidPending(hold + ":void", hold)).orThrow();
            refunds.transition(id, RefundStatus.PROCESSING, RefundStatus.ABNORMAL, "the bank refused to credit "
                    + card + ": " + settled.credit().failureMessage(), now);
        }
        Refund done = refunds.byId(id);
        events.publishEvent(new RefundChanged(done, notifyUrlOf(done, orders.byId(done.orderId()).orElseThrow())));
    }

    private record Destination(RefundDestination kind, long accountId) {
    }

    private RefundHook.Hold holdOf(PaymentOrder order, NewRefund request) {
        return hooks.orderedStream().map(h -> h.holdOf(order, request)).filter(h -> h != RefundHook.Hold.NONE)
                .findFirst().orElse(RefundHook.Hold.NONE);
    }

    /**
     * Settles a refund a {@link RefundHook} held PROCESSING: {@code SUCCESS} sends the payer's part
     * from transit to the payer's balance ({@code refund:<id>:release}); {@code ABNORMAL} leaves it in
     * transit for the merchant to re-apply. Either way the merchant is notified.
     *
     * @throws RefundRefusal {@code NOT_FOUND} (no such refund of this merchant), {@code INVALID} (the
     *         refund was not held, or is no longer PROCESSING, or the outcome is neither SUCCESS nor ABNORMAL)
     */
    public Refund releaseHeld(long merchantId, String outRefundNo, RefundStatus outcome) {
        if (outcome != RefundStatus.SUCCESS && outcome != RefundStatus.ABNORMAL) {
            throw invalid("a held refund is released as SUCCESS or ABNORMAL, not " + outcome);
        }
        long id = refunds.byOutRefundNo(merchantId, outRefundNo).map(s -> s.refund().id())
                .orElseThrow(() -> notFound("no refund " + outRefundNo + " of this merchant"));
        return transaction.execute(status -> {
            Refund locked = refunds.lock(id);
            // A refund to the balance is PROCESSING only while held: an ordinary one is SUCCESS at once.
            if (locked.status() != RefundStatus.PROCESSING || locked.destination() != RefundDestination.BALANCE) {
                throw invalid("refund " + outRefundNo + " is " + locked.status() + " and was not held by the sandbox");
            }
            Instant now = clock.instant();
            PaymentOrder order = orders.byId(locked.orderId()).orElseThrow();
            if (outcome == RefundStatus.SUCCESS) {
                String reference = RefundPostings.reference(locked.refundId());
                ledger.createTransfer(TransferRequest.single(reference + ":release",
                        PlatformAccount.WITHDRAWAL_IN_TRANSIT.id(), accounts.openWallet(order.payerUserId()),
                        locked.payerRefundFen(), Ledger.CNY, TransferCode.REFUND.code(), reference)).orThrow();
                refunds.transition(id, RefundStatus.PROCESSING, RefundStatus.SUCCESS,
                        "sandbox: released to the balance", now);
            } else {
                refunds.transition(id, RefundStatus.PROCESSING, RefundStatus.ABNORMAL,
                        "sandbox: released as abnormal, the money waits in transit", now);
            }
            Refund done = refunds.byId(id);
            events.publishEvent(new RefundChanged(done, notifyUrlOf(done, order)));
            return done;
        });
    }

    private Refund repeat(RefundStore.Stored stored, NewRefund request) {
        if (!stored.requestHash().equals(request.requestDigest())) {
            throw invalid("out_refund_no " + request.outRefundNo()
                    + " was used for a refund with other parameters");
        }
        return stored.refund();
    }

    private PaymentOrder paidOrder(long merchantId, NewRefund request) {
        Optional<PaymentOrder> order;
        if (request.transactionId() != null) {
            order = orders.byTransactionId(merchantId, request.transactionId());
            if (order.isPresent() && request.outTradeNo() != null
                    && !order.get().outTradeNo().equals(request.outTradeNo())) {
                throw invalid("transaction_id and out_trade_no name different orders");
            }
        } else {
            order = orders.byOutTradeNo(merchantId, request.outTradeNo()).map(OrderStore.Stored::order);
        }
        String number = request.transactionId() != null ? request.transactionId() : request.outTradeNo();
        return order.filter(o -> o.tradeState().isPaid())
                .orElseThrow(() -> notFound("no paid order " + number + " of this merchant"));
    }

    /** The payment's discounts, in the order they were applied; empty when nothing was discounted. */
    private List<PaymentHook.Discount> discountsOf(PaymentOrder order) {
        if (order.payerTotalFen() != null && order.payerTotalFen() == order.totalFen()) {
            return List.of();
        }
        return discounts.ofOrder(order.id());
    }

    /**
     * Splits what has been returned of the discounts so far among them in the order they were
     * applied: each is returned in full before the next begins. Any proportional split rounds each
     * discount on its own and can then overshoot the total by a fen; filling in order never does, and
     * each discount's return only grows from refund to refund. A merchant-funded discount's leg has
     * funding account 0: its share is not posted (the merchant never received it).
     */
    private static List<RefundPostings.DiscountLeg> discountLegs(List<PaymentHook.Discount> discounts,
            long returnedBefore, long returnedAfter) {
        List<RefundPostings.DiscountLeg> legs = new ArrayList<>();
        long start = 0;
        for (PaymentHook.Discount d : discounts) {
            long before = Math.max(0, Math.min(d.amountFen(), returnedBefore - start));
            long after = Math.max(0, Math.min(d.amountFen(), returnedAfter - start));
            legs.add(new RefundPostings.DiscountLeg(d.id(), d.merchantFunded() ? 0 : d.fundingAccountId(),
                    after - before));
            start += d.amountFen();
        }
        return legs;
    }

    /** {@code part × soFar / whole}, rounded half up: a part's share of what has been refunded so far. */
    static long shareSoFar(long part, long soFar, long whole) {
        BigInteger twice = BigInteger.valueOf(part).multiply(BigInteger.valueOf(soFar)).shiftLeft(1);
        BigInteger w = BigInteger.valueOf(whole);
        return twice.add(w).divide(w.shiftLeft(1)).longValueExact();
    }

    /** The failing transfer names the reason; the rest of the linked batch says LINKED_EVENT_FAILED. */
    private static void refuseIfFailed(List<TransferResult> results, long settlement) {
        Optional<TransferResult> failed = results.stream()
                .filter(r -> !r.ok() && r.result() != CreateTransferResult.LINKED_EVENT_FAILED).findFirst();
        if (failed.isEmpty()) {
            return;
        }
        CreateTransferResult why = failed.get().result();
        if (why == CreateTransferResult.EXCEEDS_CREDITS) {
            throw new RefundRefusal(Reason.MERCHANT_BALANCE_SHORT,
                    "the merchant's unsettled balance does not cover this refund");
        }
        if (why == CreateTransferResult.CREDIT_ACCOUNT_CLOSED) {
            throw new RefundRefusal(Reason.PAYER_ACCOUNT_CLOSED,
                    "the payer's account is closed; refund the payer another way");
        }
        if (why == CreateTransferResult.DEBIT_ACCOUNT_FROZEN) {
            throw new RefundRefusal(Reason.MERCHANT_BALANCE_SHORT, "the merchant's settlement account is frozen");
        }
        if (why == CreateTransferResult.EXCEEDS_DEBITS) {
            throw bankUnavailable();
        }
        throw new IllegalStateException("the refund's postings were refused: " + why + " (settlement account "
                + settlement + ")");
    }

    /** The merchant's refund by its own number. */
    public Refund byOutRefundNo(long merchantId, String outRefundNo) {
        return refunds.byOutRefundNo(merchantId, outRefundNo).map(RefundStore.Stored::refund)
                .orElseThrow(() -> notFound("no refund " + outRefundNo + " of this merchant"));
    }

    /** The merchant's latest refunds, newest first. */
    public List<Refund> recent(long merchantId, int limit) {
        return refunds.ofMerchant(merchantId, limit);
    }

    /** The refunds of the merchant's order, oldest first; empty for another merchant's order. */
    public List<Refund> ofOrder(long merchantId, PaymentOrder order) {
        return order.merchantId() == merchantId ? refunds.ofOrder(order.id()) : List.of();
    }

    /** What can still be refunded of the order: its total less its live refunds. */
    public long refundable(PaymentOrder order) {
        return order.tradeState().isPaid() ? order.totalFen() - refunds.totals(order.id()).refundFen() : 0;
    }

    /**
     * The order's discounts and what this refund returned of each (from the ledger postings); empty
     * when the order had none.
     */
    public List<Refund.DiscountShare> discountShares(Refund refund) {
        if (refund.payerTotalFen() == refund.totalFen()) {
            return List.of();
        }
        List<PaymentHook.Discount> applied = discounts.ofOrder(refund.orderId());
        long before = discounts.discountRefundedBefore(refund.orderId(), refund.id());
        List<RefundPostings.DiscountLeg> legs = discountLegs(applied, before, before + refund.discountRefundFen());
        List<Refund.DiscountShare> shares = new ArrayList<>();
        for (int i = 0; i < applied.size(); i++) {
            PaymentHook.Discount d = applied.get(i);
            shares.add(new Refund.DiscountShare(d.id(), d.amountFen(), legs.get(i).amountFen(), d.merchantFunded()));
        }
        return shares;
    }

    /**
     * The merchant re-applies an ABNORMAL refund (§3.7): to another card of the payer (through the
     * bank, PROCESSING until it answers) or to itself (the money in transit goes back to the
     * merchant's settlement account at once, SUCCESS, and the merchant repays the payer by its own
     * means). Refunds to the balance never become ABNORMAL, so for them this is always refused.
     *
     * @throws RefundRefusal {@code NOT_FOUND} (no such refund of this merchant, or out_refund_no is
     *         another refund's), {@code INVALID} (the refund is not ABNORMAL, or the card number is
     *         not one of a partner bank)
     */
    public Refund reapplyAbnormal(long merchantId, String refundId, String outRefundNo, AbnormalRefundTarget target) {
        Refund found = refunds.byRefundId(merchantId, refundId).filter(r -> r.outRefundNo().equals(outRefundNo))
                .orElseThrow(() -> notFound("no refund " + refundId + " with out_refund_no " + outRefundNo));
        int[] attempt = new int[1];
        Refund result = transaction.execute(status -> {
            Refund locked = refunds.lock(found.id());
            if (!locked.status().canBecome(RefundStatus.PROCESSING)) {
                throw invalid("refund " + refundId + " is " + locked.status() + ", not ABNORMAL"
                        + (locked.destination() == RefundDestination.BALANCE
                        ? "; a refund to the payer's balance is never abnormal" : ""));
            }
            Instant now = clock.instant();
            attempt[0] = refunds.abnormalCount(locked.id()) + 1;
            refunds.transition(locked.id(), locked.status(), RefundStatus.PROCESSING,
                    "re-applied to " + target.destination(), now);
            refunds.destination(locked.id(), target.destination());
            PaymentOrder order = orders.byId(locked.orderId()).orElseThrow();
            if (target.destination() == RefundDestination.MERCHANT_BANK_CARD) {
                ledger.createTransfer(TransferRequest.single(RefundPostings.reference(refundId) + ":to-merchant",
                        PlatformAccount.WITHDRAWAL_IN_TRANSIT.id(), accounts.openMerchantSettlement(merchantId),
                        locked.payerRefundFen(), Ledger.CNY, TransferCode.REFUND.code(),
                        RefundPostings.reference(refundId))).orThrow();
                refunds.transition(locked.id(), RefundStatus.PROCESSING, RefundStatus.SUCCESS,
                        "returned to the merchant, who repays the payer", now);
                Refund done = refunds.byId(locked.id());
                events.publishEvent(new RefundChanged(done, notifyUrlOf(done, order)));
                return done;
            }
            CardCredit credit;
            try {
                credit = cardCredits.registerToNumber(order.payerUserId(), target.cardNumber(),
                        locked.payerRefundFen(), cardPurpose(refundId, attempt[0]));
            } catch (io.lingqian.platform.ApiProblemException e) {
                throw invalid("bank_account is not a card number of a partner bank");
            }
            if (!ledger.createTransfer(RefundPostings.cardHold(refundId, attempt[0], credit.bank(),
                    locked.payerRefundFen())).ok()) {
                throw bankUnavailable();
            }
            return refunds.byId(locked.id());
        });
        if (result.status() == RefundStatus.PROCESSING) {
            sendToCard(refundId, attempt[0]);
        }
        return refunds.byId(result.id());
    }

    private static String notifyUrlOf(Refund refund, PaymentOrder order) {
        return refund.notifyUrl() != null ? refund.notifyUrl() : order.notifyUrl();
    }

    /** 29 digits like WeChat's refund ids: {@code 50300}, the day (China Standard Time) and 16 random digits. */
    private String newRefundId(Instant now) {
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String id = "50300" + DAY.format(now) + String.format("%016d", random.nextLong(10_000_000_000_000_000L));
            if (!refunds.refundIdTaken(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free refund id after " + ID_ATTEMPTS + " attempts");
    }

    /** The bank reserve of the card's bank cannot cover the credit now (its credits may not exceed its debits). */
    private static RefundRefusal bankUnavailable() {
        return new RefundRefusal(Reason.BANK_CHANNEL_UNAVAILABLE,
                "Lingqian's funds at the card's bank cannot pay it back at the moment");
    }

    private static RefundRefusal notFound(String message) {
        return new RefundRefusal(Reason.NOT_FOUND, message);
    }

    private static RefundRefusal invalid(String message) {
        return new RefundRefusal(Reason.INVALID, message);
    }
}
