package io.lingqian.care;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.care.internal.ComplaintStore;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRefusal;
import io.lingqian.payment.Refund;
import io.lingqian.payment.RefundChanged;
import io.lingqian.payment.RefundRefusal;
import io.lingqian.payment.RefundStatus;
import io.lingqian.payment.Refunds;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.MerchantRiskSignals;
import tools.jackson.databind.json.JsonMapper;

/**
 * Complaints about merchant payments (consumer complaints 2.0, reference §7; deadlines of domain rules
 * §8; docs/care.md). The user complains about one of their paid orders; the merchant answers in the
 * portal or through the v3 API, and every method for the merchant takes its id, so a merchant only
 * ever reaches complaints about its own orders. Each step is written to the complaint's negotiation
 * history and, when the merchant has set a complaint notify URL, recorded as a {@code COMPLAINT.*}
 * notification in the same transaction.
 *
 * <p>Deadlines run from the complaint's creation by the injected clock: the first reply within
 * {@link CareProperties#complaintReplyWithin()}, resolution within
 * {@link CareProperties#complaintResolveWithin()}. {@link #markOverdue} (a job) marks complaints that
 * missed one; staff may then {@link #escalate} and refund the user from the merchant's funds through
 * {@link Refunds}, so the ledger postings and the merchant's REFUND notification are the ordinary ones.
 * Any successful refund of the order that gives back what the user asked for (or any refund, when
 * the user asked for no amount) resolves its open complaints.
 */
@Service
public class Complaints {

    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_RESPONSE = 200;
    /** The out_refund_no of an escalation's refund: this prefix and the complaint id. */
    static final String ESCALATION_REFUND_PREFIX = "CPL";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(CHINA);
    private static final int ID_ATTEMPTS = 10;
    private static final int MAX_LISTED = 200;
    private static final int OVERDUE_BATCH = 500;

    static final String USER = "用户";
    static final String MERCHANT = "商户";
    static final String PLATFORM = "平台";
    static final String SYSTEM = "系统";

    private final ComplaintStore store;
    private final PaymentOrders orders;
    private final Refunds refunds;
    private final MerchantNotifications notifications;
    private final MerchantRiskSignals riskSignals;
    private final CareProperties settings;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Complaints(ComplaintStore store, PaymentOrders orders, Refunds refunds, MerchantNotifications notifications,
            MerchantRiskSignals riskSignals, CareProperties settings, TransactionTemplate transaction, JsonMapper json,
            Clock clock) {
        this.store = store;
        this.orders = orders;
        this.refunds = refunds;
        this.notifications = notifications;
        this.riskSignals = riskSignals;
        this.settings = settings;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    // --- the user -----------------------------------------------------------------------------------

    /**
     * The user complains about one of their paid orders, named by its bill ({@code payment:<transaction_id>}).
     *
     * @param requestedRefundFen what the user asks back, or null
     * @throws ApiProblemException {@code validation_failed}, {@code bill_not_found} (not a payment of
     *         this user's), {@code complaint_open} (an open complaint on this order already)
     */
    public Complaint file(long userId, String billReference, ComplaintKind kind, String description,
            Long requestedRefundFen) {
        String text = description == null ? "" : description.strip();
        if (kind == null) {
            throw CareProblems.invalid("validation_failed", "Choose what went wrong: NOT_RECEIVED, WRONG_AMOUNT, FRAUD or OTHER.");
        }
        if (text.isEmpty() || text.length() > MAX_DESCRIPTION) {
            throw CareProblems.invalid("validation_failed", "Describe the problem in 1 to " + MAX_DESCRIPTION + " characters.");
        }
        String prefix = "payment:";
        if (billReference == null || !billReference.startsWith(prefix)) {
            throw CareProblems.invalid("validation_failed", "Complain about a merchant payment: its bill is payment:<number>.");
        }
        PaymentOrder order = orders.paidByPayer(userId, billReference.substring(prefix.length()))
                .orElseThrow(() -> new ApiProblemException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "bill_not_found", "Bill " + billReference + " is not a payment of yours."));
        if (requestedRefundFen != null && (requestedRefundFen <= 0 || requestedRefundFen > order.totalFen())) {
            throw CareProblems.invalid("validation_failed", "Ask for between 0.01 and " + order.totalFen()
                    + " fen, what you paid.");
        }
        Instant now = clock.instant();
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String complaintId = newComplaintId(now);
            if (store.complaintIdTaken(complaintId)) {
                continue;
            }
            long id = transaction.execute(status -> {
                if (store.openOfUserAndOrder(userId, order.transactionId())) {
                    throw CareProblems.conflict("complaint_open", "You already have an open complaint about this payment.");
                }
                long created = store.insert(new ComplaintStore.NewRow(complaintId, userId, order.merchantId(),
                        order.mchid(), order.transactionId(), order.outTradeNo(), order.totalFen(),
                        order.payerOpenid(), kind, text, requestedRefundFen,
                        now.plus(settings.complaintReplyWithin()), now.plus(settings.complaintResolveWithin())), now);
                store.step(created, USER, "USER_CREATE_COMPLAINT", kind + ": " + text, null, ComplaintState.PENDING, now);
                notify(store.byId(created).orElseThrow(), NotificationEvent.COMPLAINT_CREATE, "CREATE_COMPLAINT");
                // the merchant's complaint rate, which the risk rules read
                riskSignals.complained(order.merchantId());
                return created;
            });
            return store.byId(id).orElseThrow();
        }
        throw new IllegalStateException("no free complaint id after " + ID_ATTEMPTS + " attempts");
    }

    /** The user's complaints, newest first. */
    public List<Complaint> ofUser(long userId) {
        return store.ofUser(userId, MAX_LISTED);
    }

    /** The user's complaint; another user's is not found. */
    public Complaint ofUser(long userId, String complaintId) {
        return store.byComplaintId(complaintId).filter(c -> c.userId() == userId)
                .orElseThrow(() -> CareProblems.notFound("complaint"));
    }

    /** How many times this user complained about this order (§7 {@code user_complaint_times}). */
    public long timesComplained(Complaint complaint) {
        return store.countOfUserAndOrder(complaint.userId(), complaint.transactionId());
    }

    // --- the merchant ---------------------------------------------------------------------------------

    /**
     * The merchant's complaints made between the two days (China Standard Time, both included),
     * newest first.
     */
    public ComplaintPage<Complaint> ofMerchant(long merchantId, LocalDate begin, LocalDate end, int limit,
            int offset) {
        Instant from = begin.atStartOfDay(CHINA).toInstant();
        Instant to = end.plusDays(1).atStartOfDay(CHINA).toInstant();
        return new ComplaintPage<>(store.ofMerchant(merchantId, from, to, limit, offset), limit, offset,
                store.countOfMerchant(merchantId, from, to));
    }

    /** The merchant's latest complaints, for the portal. */
    public List<Complaint> recentOfMerchant(long merchantId, int limit) {
        Instant far = clock.instant().plusSeconds(86_400);
        return store.ofMerchant(merchantId, Instant.EPOCH, far, limit, 0);
    }

    /** The merchant's complaint; another merchant's is not found. */
    public Complaint ofMerchant(long merchantId, String complaintId) {
        return store.byComplaintId(complaintId).filter(c -> c.merchantId() == merchantId)
                .orElseThrow(() -> CareProblems.notFound("complaint"));
    }

    public ComplaintPage<ComplaintStep> history(long merchantId, String complaintId, int limit, int offset) {
        Complaint c = ofMerchant(merchantId, complaintId);
        return new ComplaintPage<>(store.steps(c.id(), limit, offset), limit, offset, store.countSteps(c.id()));
    }

    /** The whole history, for the user and staff (callers have checked who may see it). */
    public List<ComplaintStep> history(Complaint complaint) {
        return store.steps(complaint.id(), 1000, 0);
    }

    /**
     * The merchant answers the user: the first answer makes the complaint PROCESSING; later ones are
     * added to the history.
     *
     * @throws ApiProblemException {@code validation_failed}, {@code not_found}, {@code illegal_transition}
     *         (the complaint is PROCESSED)
     */
    public Complaint respond(long merchantId, String complaintId, String content) {
        String text = content == null ? "" : content.strip();
        if (text.isEmpty() || text.length() > MAX_RESPONSE) {
            throw CareProblems.invalid("validation_failed", "response_content is 1 to " + MAX_RESPONSE + " characters.");
        }
        return merchantStep(merchantId, complaintId, c -> {
            ComplaintState to = c.state() == ComplaintState.PENDING ? ComplaintState.PROCESSING : c.state();
            requireOpen(c);
            move(c, to, MERCHANT + " " + c.mchid(), "MERCHANT_RESPONSE", text, "MERCHANT_RESPONSE");
        });
    }

    /**
     * The merchant says the complaint is dealt with: PROCESSING becomes PROCESSED. As on WeChat Pay, a
     * complaint must have been answered first.
     */
    public Complaint complete(long merchantId, String complaintId) {
        return merchantStep(merchantId, complaintId, c -> {
            if (c.state() == ComplaintState.PENDING) {
                throw CareProblems.conflict("illegal_transition", "Answer the user before completing complaint "
                        + complaintId + ".");
            }
            requireOpen(c);
            move(c, ComplaintState.PROCESSED, MERCHANT + " " + c.mchid(), "MERCHANT_CONFIRM_COMPLETE",
                    "the merchant completed the complaint", "MERCHANT_CONFIRM_COMPLETE");
        });
    }

    /**
     * The merchant's answer to a refund request (§7 update-refund-progress): APPROVE promises a refund
     * within {@code launchRefundDays} days (the complaint is PROCESSING, and closes when the refund
     * arrives); REJECT refuses it with a reason and closes the complaint.
     */
    public Complaint updateRefundProgress(long merchantId, String complaintId, boolean approve,
            Integer launchRefundDays, String rejectReason, String remark) {
        String reason = rejectReason == null ? "" : rejectReason.strip();
        if (!approve && (reason.isEmpty() || reason.length() > MAX_RESPONSE)) {
            throw CareProblems.invalid("validation_failed", "reject_reason is 1 to " + MAX_RESPONSE + " characters when rejecting.");
        }
        if (approve && launchRefundDays != null && (launchRefundDays < 0 || launchRefundDays > 5)) {
            throw CareProblems.invalid("validation_failed", "launch_refund_day is 0 to 5.");
        }
        String note = remark == null || remark.isBlank() ? "" : "; " + remark.strip();
        return merchantStep(merchantId, complaintId, c -> {
            requireOpen(c);
            if (approve) {
                ComplaintState to = c.state() == ComplaintState.PENDING ? ComplaintState.PROCESSING : c.state();
                move(c, to, MERCHANT + " " + c.mchid(), "MERCHANT_APPROVE_REFUND", "refund within "
                        + (launchRefundDays == null ? 0 : launchRefundDays) + " days" + note, "MERCHANT_RESPONSE");
            } else {
                move(c, ComplaintState.PROCESSED, MERCHANT + " " + c.mchid(), "MERCHANT_REFUSE_RERUND",
                        reason + note, "MERCHANT_RESPONSE");
            }
        });
    }

    private Complaint merchantStep(long merchantId, String complaintId, java.util.function.Consumer<Complaint> step) {
        long id = ofMerchant(merchantId, complaintId).id();
        return transaction.execute(status -> {
            step.accept(store.lock(id));
            return store.byId(id).orElseThrow();
        });
    }

    public Optional<String> notifyUrl(long merchantId) {
        return store.notifyUrl(merchantId);
    }

    /** Sets the merchant's complaint notify URL (an https URL, or a loopback http one for the sandbox). */
    public String setNotifyUrl(long merchantId, String url) {
        store.putNotifyUrl(merchantId, url, clock.instant());
        return url;
    }

    public boolean deleteNotifyUrl(long merchantId) {
        return store.deleteNotifyUrl(merchantId);
    }

    // --- deadlines and staff ----------------------------------------------------------------------------

    /**
     * One run of the deadline job: marks open complaints whose merchant missed the reply or the
     * resolution deadline, each with a system step in its history. Rows are claimed with
     * {@code SKIP LOCKED}, so two instances never mark the same complaint.
     *
     * @return how many complaints were marked
     */
    public int markOverdue() {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            List<Long> ids = store.claimOverdue(now, OVERDUE_BATCH);
            for (long id : ids) {
                Complaint c = store.lock(id);
                String reason = c.state() == ComplaintState.PENDING && !c.replyDueAt().isAfter(now)
                        ? "no reply within " + settings.complaintReplyWithin().toHours() + " h"
                        : "not resolved within " + settings.complaintResolveWithin().toHours() + " h";
                store.markOverdue(id, reason, now);
                store.step(id, SYSTEM, "COMPLAINT_OVERDUE_SYSTEM_MESSAGE", "merchant overdue: " + reason, c.state(),
                        c.state(), now);
            }
            return ids.size();
        });
    }

    /** Complaints for staff, newest first; only the overdue open ones when asked. */
    public List<Complaint> forStaff(boolean overdueOnly) {
        return store.forStaff(overdueOnly, MAX_LISTED);
    }

    public Optional<Complaint> complaint(String complaintId) {
        return store.byComplaintId(complaintId);
    }

    /**
     * Staff escalate an overdue complaint: the user is refunded from the merchant's funds through the
     * ordinary refund (out_refund_no {@code CPL<complaint_id>}, so repeating the escalation refunds
     * once), which resolves the complaint when it arrives. The merchant gets the REFUND notification
     * as for its own. A refused refund changes nothing.
     *
     * @param refundFen what to refund; null for what the user asked, or else everything left to refund
     * @throws ApiProblemException {@code not_overdue}, {@code illegal_transition} (resolved already),
     *         {@code validation_failed} (amount), {@code merchant_balance_short}, {@code refund_refused}
     */
    public Complaint escalate(String complaintId, Long refundFen, String actor) {
        Complaint c = store.byComplaintId(complaintId).orElseThrow(() -> CareProblems.notFound("complaint"));
        if (!c.state().isOpen()) {
            throw CareProblems.conflict("illegal_transition", "Complaint " + complaintId + " is resolved already.");
        }
        if (!c.overdue()) {
            throw CareProblems.conflict("not_overdue", "The merchant still has time: reply by "
                    + c.replyDueAt() + ", resolve by " + c.resolveDueAt() + ".");
        }
        PaymentOrder order;
        try {
            order = orders.byTransactionId(c.merchantId(), c.transactionId());
        } catch (PaymentRefusal gone) {
            throw CareProblems.notFound("order of the complaint");
        }
        long left = refunds.refundable(order);
        long amount = refundFen != null ? refundFen
                : c.requestedRefundFen() != null ? Math.min(c.requestedRefundFen(), left) : left;
        if (amount <= 0 || amount > left) {
            throw CareProblems.invalid("validation_failed", "Refund between 1 and " + left
                    + " fen, what is left to refund of order " + order.outTradeNo() + ".");
        }
        String outRefundNo = ESCALATION_REFUND_PREFIX + complaintId;
        Refund refund;
        try {
            // Its own transaction, as any refund: a card refund is sent to the bank once it is recorded.
            refund = refunds.refund(c.merchantId(), new NewRefund(c.transactionId(), null, outRefundNo,
                    "complaint " + complaintId + " escalated", null, amount, order.totalFen(), List.of(),
                    "complaint-escalation:" + complaintId + ":" + amount));
        } catch (RefundRefusal refused) {
            throw switch (refused.reason()) {
                case MERCHANT_BALANCE_SHORT -> CareProblems.refused("merchant_balance_short",
                        "The merchant's balance cannot cover the refund: " + refused.getMessage());
                default -> CareProblems.refused("refund_refused", refused.getMessage());
            };
        }
        transaction.executeWithoutResult(status -> {
            Complaint locked = store.lock(c.id());
            Instant now = clock.instant();
            store.escalated(c.id(), actor, now);
            store.step(c.id(), PLATFORM, "PLATFORM_RESPONSE", "escalated by " + actor + ": refund "
                    + refund.refundId() + " of " + amount + " fen from the merchant's funds, " + refund.status(),
                    locked.state(), locked.state(), now);
        });
        return store.byId(c.id()).orElseThrow();
    }

    /**
     * A refund of an order settles its open complaints when it arrives (domain rules §8), in the
     * refund's transaction: once the order's refunds reach what the user asked for, or at once when
     * the user asked for no amount. A refund short of the request is noted in the history.
     */
    @EventListener
    void onRefund(RefundChanged changed) {
        Refund r = changed.refund();
        if (r.status() != RefundStatus.SUCCESS) {
            return;
        }
        List<Complaint> open = store.lockOpenOfOrder(r.merchantId(), r.transactionId());
        if (open.isEmpty()) {
            return;
        }
        PaymentOrder order = orders.byTransactionId(r.merchantId(), r.transactionId());
        long refunded = order.totalFen() - refunds.refundable(order);
        boolean full = refunded >= order.totalFen();
        boolean byPlatform = r.outRefundNo().startsWith(ESCALATION_REFUND_PREFIX);
        for (Complaint c : open) {
            store.fullRefunded(c.id(), full);
            String details = "refund " + r.refundId() + " of " + r.refundFen() + " fen arrived"
                    + (byPlatform ? " (escalated by the platform)" : "");
            String type = full ? "COMPLAINT_FULL_REFUNDED_SYSTEM_MESSAGE" : "COMPLAINT_PARTIAL_REFUNDED_SYSTEM_MESSAGE";
            if (c.requestedRefundFen() != null && refunded < c.requestedRefundFen()) {
                store.step(c.id(), SYSTEM, type, details + "; " + refunded + " of the " + c.requestedRefundFen()
                        + " fen asked for", c.state(), c.state(), clock.instant());
                continue;
            }
            move(c, ComplaintState.PROCESSED, SYSTEM, type, details,
                    byPlatform ? "RESPONSE_BY_PLATFORM" : "SELLER_REFUND");
        }
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static void requireOpen(Complaint c) {
        if (!c.state().isOpen()) {
            throw CareProblems.conflict("illegal_transition", "Complaint " + c.complaintId() + " is "
                    + c.state() + " and takes no more steps.");
        }
    }

    private void move(Complaint c, ComplaintState to, String operator, String operateType, String details,
            String actionType) {
        Instant now = clock.instant();
        if (to != c.state()) {
            if (!c.state().canBecome(to)) {
                throw CareProblems.conflict("illegal_transition", "Complaint " + c.complaintId() + " is "
                        + c.state() + " and cannot become " + to + ".");
            }
            store.transition(c.id(), c.state(), to, now);
        }
        store.step(c.id(), operator, operateType, details, c.state(), to, now);
        notify(c, NotificationEvent.COMPLAINT_STATE_CHANGE, actionType);
    }

    /** Records the §7 notification when the merchant has a complaint notify URL. */
    private void notify(Complaint c, NotificationEvent event, String actionType) {
        store.notifyUrl(c.merchantId()).ifPresent(url -> {
            Map<String, String> resource = new LinkedHashMap<>();
            resource.put("complaint_id", c.complaintId());
            resource.put("action_type", actionType);
            notifications.record(c.merchantId(), url, event, c.complaintId(), json.writeValueAsString(resource));
        });
    }

    /** 27 digits like WeChat's: 2002, the day (China Standard Time), 15 random digits. */
    private String newComplaintId(Instant now) {
        return "2002" + DAY.format(now) + String.format("%015d", random.nextLong(1_000_000_000_000_000L));
    }
}
