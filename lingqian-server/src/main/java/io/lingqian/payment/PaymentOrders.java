package io.lingqian.payment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantFees;
import io.lingqian.merchant.OpenIds;
import io.lingqian.payment.PaymentRefusal.Reason;
import io.lingqian.payment.internal.OrderStore;

/**
 * The merchant's side of an order: prepay (idempotent on the merchant's {@code out_trade_no}),
 * query, close, and closing orders whose {@code time_expire} has passed. Every method takes the
 * calling merchant's id, so a merchant only ever reaches its own orders.
 */
@Service
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentOrders {

    /** Order numbers and prepay ids carry the date as China Standard Time, like WeChat's. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(CHINA);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(CHINA);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int HANDLE_ATTEMPTS = 10;

    private final OrderStore store;
    private final MerchantApps apps;
    private final OpenIds openIds;
    private final MerchantFees fees;
    private final PaymentProperties settings;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PaymentOrders(OrderStore store, MerchantApps apps, OpenIds openIds, MerchantFees fees, PaymentProperties settings,
            TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.apps = apps;
        this.openIds = openIds;
        this.fees = fees;
        this.settings = settings;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates the order, or answers a repeat of the same request with the order it created.
     *
     * @throws PaymentRefusal {@code OUT_TRADE_NO_USED} for the same out_trade_no with other content,
     *         {@code ORDER_PAID}/{@code ORDER_CLOSED} for a number whose order is paid or closed,
     *         {@code APPID_MCHID_NOT_MATCH}, {@code OPENID_MISMATCH}, {@code RULE_LIMIT}
     */
    public PaymentOrder prepay(long merchantId, NewOrder request) {
        return prepay(merchantId, request, true);
    }

    /**
     * A service provider's order for its sub-merchant ({@code io.lingqian.partner}): the order is the
     * sub-merchant's, but its appid may be the provider's {@code sp_appid}, which the partner context
     * has checked against the provider instead; every other rule is {@link #prepay(long, NewOrder)}'s.
     */
    public PaymentOrder prepayForSubMerchant(long subMerchantId, NewOrder request) {
        return prepay(subMerchantId, request, false);
    }

    private PaymentOrder prepay(long merchantId, NewOrder request, boolean appidOfMerchant) {
        Optional<OrderStore.Stored> existing = store.byOutTradeNo(merchantId, request.outTradeNo());
        if (existing.isPresent()) {
            return repeat(existing.get(), request);
        }
        if (appidOfMerchant && !apps.isBound(request.appid(), request.mchid())) {
            throw new PaymentRefusal(Reason.APPID_MCHID_NOT_MATCH,
                    "appid " + request.appid() + " is not bound to mchid " + request.mchid());
        }
        if (request.tradeType() == TradeType.JSAPI
                && openIds.userOf(request.appid(), request.payerOpenid()).isEmpty()) {
            throw new PaymentRefusal(Reason.OPENID_MISMATCH, "payer.openid does not belong to appid " + request.appid());
        }
        long cap = fees.rateOf(merchantId).category().map(MerchantCategory::singlePaymentLimitFen).orElse(0L);
        if (cap > 0 && request.totalFen() > cap) {
            throw new PaymentRefusal(Reason.RULE_LIMIT, "amount.total exceeds the single-payment limit of "
                    + cap + " fen of this merchant's settlement rule");
        }
        Instant now = clock.instant();
        Instant earliest = now.plus(settings.minimumExpiry());
        Instant expire = request.timeExpire() == null ? now.plus(settings.defaultExpiry())
                : request.timeExpire().isBefore(earliest) ? earliest : request.timeExpire();
        for (int attempt = 0; attempt < HANDLE_ATTEMPTS; attempt++) {
            // A collision of the random handles is caught by their unique constraints: the insert fails
            // and the next try draws new ones, so no read ahead of the insert is needed.
            OrderStore.Handles handles = newHandles(request.tradeType(), now);
            try {
                long id = transaction.execute(status -> {
                    long inserted = store.insert(merchantId, request, handles, expire, now);
                    events.publishEvent(new OrderPlaced(store.byId(inserted).orElseThrow()));
                    return inserted;
                });
                return store.byId(id).orElseThrow();
            } catch (DuplicateKeyException e) {
                Optional<OrderStore.Stored> raced = store.byOutTradeNo(merchantId, request.outTradeNo());
                if (raced.isPresent()) {
                    return repeat(raced.get(), request);
                }
            }
        }
        throw new IllegalStateException("no free order number after " + HANDLE_ATTEMPTS + " attempts");
    }

    private PaymentOrder repeat(OrderStore.Stored stored, NewOrder request) {
        PaymentOrder order = expireIfDue(stored.order());
        if (order.tradeState().isPaid()) {
            throw new PaymentRefusal(Reason.ORDER_PAID, "order " + order.outTradeNo() + " is paid already");
        }
        if (order.tradeState() != TradeState.NOTPAY) {
            throw new PaymentRefusal(Reason.ORDER_CLOSED, "order " + order.outTradeNo() + " is "
                    + order.tradeState() + "; place a new order with a new out_trade_no");
        }
        if (!stored.requestHash().equals(request.requestDigest())) {
            throw new PaymentRefusal(Reason.OUT_TRADE_NO_USED,
                    "out_trade_no " + order.outTradeNo() + " was used for an order with other parameters");
        }
        return order;
    }

    /** The merchant's order by its own number. */
    public PaymentOrder byOutTradeNo(long merchantId, String outTradeNo) {
        return store.byOutTradeNo(merchantId, outTradeNo).map(s -> expireIfDue(s.order()))
                .orElseThrow(() -> notFound(outTradeNo));
    }

    /** The merchant's order by WeChat's number; before anyone paid it, there is none to find (as documented). */
    public PaymentOrder byTransactionId(long merchantId, String transactionId) {
        return store.byTransactionId(merchantId, transactionId).filter(o -> o.payerUserId() != null)
                .orElseThrow(() -> notFound(transactionId));
    }

    /**
     * The payer's view of an order they paid (it may since have been refunded), by WeChat's number;
     * empty for anyone else's order and for an unpaid one.
     */
    public Optional<PaymentOrder> paidByPayer(long payerUserId, String transactionId) {
        return store.byPayerAndTransactionId(payerUserId, transactionId).filter(o -> o.tradeState().isPaid());
    }

    private static PaymentRefusal notFound(String number) {
        return new PaymentRefusal(Reason.ORDER_NOT_EXIST, "order " + number + " does not exist");
    }

    /**
     * Closes an unpaid order; closing a closed one again is accepted (a retry after a lost answer).
     *
     * @throws PaymentRefusal {@code ORDER_NOT_EXIST}, {@code ORDER_PAID}
     */
    public PaymentOrder close(long merchantId, String outTradeNo) {
        long id = store.byOutTradeNo(merchantId, outTradeNo).orElseThrow(() -> notFound(outTradeNo)).order().id();
        return transaction.execute(status -> {
            PaymentOrder order = store.lock(id);
            if (order.tradeState().isPaid()) {
                throw new PaymentRefusal(Reason.ORDER_PAID, "order " + outTradeNo + " is paid and cannot be closed; refund it");
            }
            if (order.tradeState().canBecome(TradeState.CLOSED)) {
                Instant now = clock.instant();
                store.close(id, order.tradeState(), order.expiredAt(now) ? "expired" : "closed by the merchant", now);
            }
            return store.byId(id).orElseThrow();
        });
    }

    /**
     * Closes up to the configured batch of unpaid orders whose time has passed. Rows are claimed with
     * {@code SKIP LOCKED}, so instances running this at once never close the same order twice.
     *
     * @return how many orders were closed
     */
    public int closeExpired() {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            List<Long> ids = store.claimExpired(now, settings.closeBatchSize());
            // A payment code the payer never confirmed (USERPAYING) expires like an unpaid order: the
            // payer can no longer confirm it, and the merchant's query says CLOSED instead of waiting forever.
            ids.forEach(id -> store.close(id, store.byId(id).orElseThrow().tradeState(), "expired", now));
            return ids.size();
        });
    }

    /** The order, closed first when it is unpaid and its time has passed (the job may not have run yet). */
    PaymentOrder expireIfDue(PaymentOrder order) {
        if (!awaitsPayment(order.tradeState()) || !order.expiredAt(clock.instant())) {
            return order;
        }
        return transaction.execute(status -> {
            PaymentOrder locked = store.lock(order.id());
            Instant now = clock.instant();
            if (awaitsPayment(locked.tradeState()) && locked.expiredAt(now)) {
                store.close(locked.id(), locked.tradeState(), "expired", now);
            }
            return store.byId(order.id()).orElseThrow();
        });
    }

    private static boolean awaitsPayment(TradeState state) {
        return state == TradeState.NOTPAY || state == TradeState.USERPAYING;
    }

    /**
     * A 28-digit transaction id in WeChat's layout ({@code 42000000} + two scene digits + the day +
     * ten random digits), a prepay id ({@code wx} + the second + 20 hex digits, 36 characters like
     * WeChat's samples) and a 16-character code token.
     */
    private OrderStore.Handles newHandles(TradeType type, Instant now) {
        String transactionId = "42000000" + type.digits() + DAY.format(now)
                + String.format("%010d", random.nextLong(10_000_000_000L));
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        String prepayId = "wx" + SECOND.format(now) + HexFormat.of().formatHex(bytes);
        StringBuilder token = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            token.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return new OrderStore.Handles(transactionId, prepayId, token.toString());
    }
}
