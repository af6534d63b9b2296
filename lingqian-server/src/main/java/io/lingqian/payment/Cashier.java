package io.lingqian.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferResult;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantFees;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.merchant.OpenIds;
import io.lingqian.payment.internal.DiscountStore;
import io.lingqian.payment.internal.OrderStore;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.wallet.BankCard;
import io.lingqian.wallet.CardCharges;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletLimits;

/**
 * The payer's side of an order, shared by every scene: find the order (a Native {@code code_url},
 * or a prepay id for the JSAPI, APP and H5 cashiers), show it, and pay it from the balance with
 * the payment password or password-free within the user's limits, or with a bound card. Refusals are problem+json
 * ({@link ApiProblemException}) and change nothing.
 *
 * <p>A payment is one transaction: the order row is locked (so of two payments of one order
 * exactly one finds it unpaid), the hooks run, the order becomes SUCCESS, the outflow is checked
 * against the account-class limits, {@link OrderPaid} is published (the merchant's notification is
 * written in this transaction), and the linked batch of {@link PaymentPostings} is posted last.
 */
@Service
public class Cashier {

    private final OrderStore store;
    private final DiscountStore discountStore;
    private final PaymentOrders orders;
    private final MerchantAccounts merchants;
    private final MerchantFees fees;
    private final OpenIds openIds;
    private final PaymentSecurity security;
    private final WalletLimits limits;
    private final CustomerAccounts accounts;
    private final Ledger ledger;
    private final ObjectProvider<PaymentHook> hooks;
    private final CardCharges cardCharges;
    private final WalletCards walletCards;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Cashier(OrderStore store, DiscountStore discountStore, PaymentOrders orders, MerchantAccounts merchants, MerchantFees fees, OpenIds openIds,
            PaymentSecurity security, WalletLimits limits, CustomerAccounts accounts, Ledger ledger,
            ObjectProvider<PaymentHook> hooks, CardCharges cardCharges, WalletCards walletCards,
            TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.discountStore = discountStore;
        this.orders = orders;
        this.merchants = merchants;
        this.fees = fees;
        this.openIds = openIds;
        this.security = security;
        this.limits = limits;
        this.accounts = accounts;
        this.ledger = ledger;
        this.hooks = hooks;
        this.cardCharges = cardCharges;
        this.walletCards = walletCards;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** The order behind a Native {@code code_url} ({@code weixin://wxpay/bizpayurl?pr=…}) the user scanned. */
    public CashierOrder scan(long userId, String codeUrl) {
        String text = codeUrl == null ? "" : codeUrl.strip();
        if (!text.startsWith(PaymentOrder.CODE_URL_PREFIX) || text.length() > 64) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_code_url",
                    "This is not a payment QR code of a merchant (weixin://wxpay/bizpayurl?pr=…).");
        }
        PaymentOrder order = store.byCodeToken(text.substring(PaymentOrder.CODE_URL_PREFIX.length()))
                .filter(o -> o.tradeType() == TradeType.NATIVE).orElseThrow(Cashier::orderNotFound);
        return view(orders.expireIfDue(order));
    }

    /**
     * The order itself behind a prepay id, with the same visibility as {@link #order}: for the
     * coupon offers a cashier shows beside it.
     */
    public PaymentOrder orderOf(long userId, String prepayId) {
        return visible(userId, prepayId);
    }

    /** The order with this prepay id, if the user may pay it (a JSAPI order only by the payer it names). */
    public CashierOrder order(long userId, String prepayId) {
        return view(orders.expireIfDue(visible(userId, prepayId)));
    }

    /**
     * Pays the order from the user's balance.
     *
     * @param paymentPassword the six digits, or null/empty for a password-free payment (allowed
     *                        within the user's password-free settings and daily limits)
     * @throws ApiProblemException {@code order_not_found} (404), {@code order_paid} and
     *         {@code order_closed} (409), {@code merchant_unavailable}, {@code insufficient_balance},
     *         {@code limit_exceeded}, {@code password_required} (422), and the payment password's
     *         own refusals
     */
    public PaymentReceipt pay(long userId, String deviceId, String prepayId, String paymentPassword) {
        return pay(userId, deviceId, prepayId, paymentPassword, null);
    }

    /**
     * Pays the order from the balance, or with a bound card ({@code cardId}): the card's bank takes
     * the payer's total through {@link CardCharges}, and the payment itself is made in the
     * transaction that records the bank's success. A card payment is outside the account-class
     * limits (the bank limits it) but a password-free one must be within the password-free setting.
     *
     * @param cardId the bound card to pay with, or null for the balance
     * @throws ApiProblemException as {@link #pay(long, String, String, String)}, and for a card
     *         {@code card_declined}, {@code card_processing} and {@code card_charge_exists}
     */
    public PaymentReceipt pay(long userId, String deviceId, String prepayId, String paymentPassword, Long cardId) {
        return pay(userId, deviceId, prepayId, paymentPassword, cardId, PaymentHook.CouponChoice.BEST);
    }

    /**
     * Pays the order as {@link #pay(long, String, String, String, Long)}, with the payer's choice of
     * coupon: the best applicable (the default), none, or one of their coupons (a coupon that does not
     * apply is refused by the coupon hook, and nothing is paid).
     */
    public PaymentReceipt pay(long userId, String deviceId, String prepayId, String paymentPassword, Long cardId,
            PaymentHook.CouponChoice coupon) {
        PaymentOrder order = orders.expireIfDue(visible(userId, prepayId));
        requireUnpaid(order);
        Merchant merchant = merchants.merchant(order.merchantId()).orElseThrow(Cashier::orderNotFound);
        if (merchant.status() != MerchantStatus.ACTIVE) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "merchant_unavailable",
                    merchant.name() + " cannot take payments at the moment.");
        }
        // Under the hardware lock another device is not refused here: the risk gate (the first payment
        // hook) challenges it with an SMS code, so the owner on a borrowed phone can still pay.
        boolean passwordFree = paymentPassword == null || paymentPassword.isEmpty();
        if (!passwordFree) {
            security.verify(userId, paymentPassword);
        }
        Payment payment = new Payment(order.id(), userId, deviceId, passwordFree, merchant.name(),
                accounts.openWallet(userId), accounts.openMerchantSettlement(order.merchantId()),
                openIds.openidOf(order.appid(), userId), coupon == null ? PaymentHook.CouponChoice.BEST : coupon);
        if (cardId == null) {
            return transaction.execute(status -> payLocked(payment, null));
        }
        long payerTotal = previewPayerTotal(payment);
        if (payerTotal == 0) {
            return transaction.execute(status -> payLocked(payment, null));
        }
        BankCard card = walletCards.card(userId, cardId);
        limits.authorizeCardPayment(userId, payerTotal, passwordFree);
        return cardCharges.charge(userId, cardId, payerTotal, PaymentPostings.reference(order.transactionId()),
                charge -> payLocked(payment, new CardFunding(card, charge.amountFen())));
    }

    /** What a payment is, once the payer and merchant were checked. */
    private record Payment(long orderId, long userId, String deviceId, boolean passwordFree, String merchantName,
                           long wallet, long settlement, String openid, PaymentHook.CouponChoice coupon) {
    }

    /** A card paying: the card, and what its bank took (now in the wallet). */
    private record CardFunding(BankCard card, long chargedFen) {
        String bankType() {
            return card.bank().name() + "_" + card.type().name();
        }
    }

    /** The payer's total the hooks would give now, without recording anything. */
    private long previewPayerTotal(Payment payment) {
        Long total = transaction.execute(status -> {
            status.setRollbackOnly();
            PaymentOrder locked = store.lock(payment.orderId());
            requireUnpaid(locked);
            long discounted = discounts(new PaymentHook.PaymentAttempt(locked, payment.userId(), payment.deviceId(),
                    payment.passwordFree(), payment.coupon())).stream().mapToLong(PaymentHook.Discount::amountFen).sum();
            return locked.totalFen() - discounted;
        });
        return total == null ? 0 : total;
    }

    /** The payment itself, in the caller's transaction; {@code card} null for the balance. */
    private PaymentReceipt payLocked(Payment payment, CardFunding card) {
        PaymentOrder locked = store.lock(payment.orderId());
        Instant now = clock.instant();
        requireUnpaid(locked);
        if (locked.expiredAt(now)) {
            throw closed("This order expired; ask the merchant for a new one.");
        }
        List<PaymentHook.Discount> discounts = discounts(
                new PaymentHook.PaymentAttempt(locked, payment.userId(), payment.deviceId(), payment.passwordFree(),
                        payment.coupon()));
        long discounted = discounts.stream().mapToLong(PaymentHook.Discount::amountFen).sum();
        long payerTotal = locked.totalFen() - discounted;
        if (card != null && card.chargedFen() != payerTotal) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "payment_changed",
                    "The amount to pay changed while your bank was answering; nothing was paid.");
        }
        // The merchant's fee is on what it settles (应结订单金额): the total less what it funded itself.
        long merchantFunded = discounts.stream().filter(PaymentHook.Discount::merchantFunded)
                .mapToLong(PaymentHook.Discount::amountFen).sum();
        long fee = merchantFunded == locked.totalFen() ? 0
                : fees.feeOfPayment(locked.merchantId(), locked.totalFen() - merchantFunded);
        store.markPaid(locked.id(), locked.tradeState(), payment.userId(), payment.openid(), payerTotal, fee,
                card == null ? null : card.card().id(), card == null ? null : card.bankType(), now);
        discountStore.insert(locked.id(), discounts);
        events.publishEvent(new OrderPaid(store.byId(locked.id()).orElseThrow()));
        String reference = PaymentPostings.reference(locked.transactionId());
        if (payerTotal > 0 && card == null) {
            limits.authorizeOutflow(payment.userId(), WalletLimits.OutflowKind.PAYMENT, payerTotal,
                    payment.passwordFree(), reference);
        }
        List<TransferResult> results = ledger.createLinked(PaymentPostings.of(locked.transactionId(), payment.wallet(),
                payment.settlement(), payerTotal, discounts, fee));
        refuseIfFailed(results, payment.wallet(), reference);
        return new PaymentReceipt(locked.transactionId(), payment.merchantName(), locked.description(),
                locked.totalFen(), payerTotal, now);
    }

    private List<PaymentHook.Discount> discounts(PaymentHook.PaymentAttempt attempt) {
        List<PaymentHook.Discount> all = new ArrayList<>();
        hooks.orderedStream().forEach(hook -> all.addAll(hook.beforeMoneyMoves(attempt)));
        Set<String> ids = new HashSet<>();
        long sum = 0;
        for (PaymentHook.Discount d : all) {
            PaymentHook.Promotion p = d.promotion();
            boolean consistent = p != null && p.wechatpayContributeFen() + p.merchantContributeFen()
                    + p.otherContributeFen() == d.amountFen()
                    && (d.merchantFunded() ? d.fundingAccountId() == 0 : d.fundingAccountId() != 0);
            if (d.amountFen() <= 0 || !ids.add(d.id()) || !consistent) {
                throw new IllegalStateException("a payment hook returned an invalid discount: " + d);
            }
            sum = Math.addExact(sum, d.amountFen());
        }
        if (sum > attempt.order().totalFen()) {
            throw new IllegalStateException("payment hooks discounted more than the order's total");
        }
        return all;
    }

    /** The failing transfer names the reason; the rest of the linked batch says LINKED_EVENT_FAILED. */
    private static void refuseIfFailed(List<TransferResult> results, long wallet, String reference) {
        Optional<TransferResult> failed = results.stream()
                .filter(r -> !r.ok() && r.result() != CreateTransferResult.LINKED_EVENT_FAILED).findFirst();
        if (failed.isEmpty()) {
            return;
        }
        CreateTransferResult why = failed.get().result();
        boolean payerLeg = failed.get().id().equals(reference);
        if (payerLeg && why == CreateTransferResult.EXCEEDS_CREDITS) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient_balance",
                    "Your balance does not cover this payment; top up first.");
        }
        if (payerLeg && (why == CreateTransferResult.DEBIT_ACCOUNT_FROZEN
                || why == CreateTransferResult.DEBIT_ACCOUNT_CLOSED)) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "wallet_frozen",
                    "Your balance is frozen; contact support.");
        }
        throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "payment_failed",
                "The payment could not be made (" + why + "); nothing was charged.");
    }

    private PaymentOrder visible(long userId, String prepayId) {
        PaymentOrder order = (prepayId == null ? Optional.<PaymentOrder>empty() : store.byPrepayId(prepayId))
                .orElseThrow(Cashier::orderNotFound);
        // A payment-code order belongs to the user whose code was presented, from the moment it was.
        if (order.tradeType() == TradeType.MICROPAY && order.payerUserId() == null) {
            throw orderNotFound();
        }
        if (order.tradeType() == TradeType.JSAPI && order.payerUserId() == null
                && !openIds.userOf(order.appid(), order.payerOpenid()).map(u -> u == userId).orElse(false)) {
            throw orderNotFound();
        }
        if (order.payerUserId() != null && order.payerUserId() != userId) {
            throw orderNotFound();
        }
        return order;
    }

    private CashierOrder view(PaymentOrder o) {
        String merchantName = merchants.merchant(o.merchantId()).map(Merchant::name).orElse("");
        return new CashierOrder(o.prepayId(), o.tradeType(), merchantName, o.description(), o.totalFen(),
                o.tradeState(), o.timeExpire(), awaitsPayment(o.tradeState()) && !o.expiredAt(clock.instant()));
    }

    private static void requireUnpaid(PaymentOrder order) {
        if (order.tradeState().isPaid()) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "order_paid", "This order is paid already.");
        }
        if (!awaitsPayment(order.tradeState())) {
            throw closed("This order is closed; ask the merchant for a new one.");
        }
    }

    /** NOTPAY, or USERPAYING: a payment code waiting for the payer's password. */
    private static boolean awaitsPayment(TradeState state) {
        return state == TradeState.NOTPAY || state == TradeState.USERPAYING;
    }

    private static ApiProblemException closed(String detail) {
        return new ApiProblemException(HttpStatus.CONFLICT, "order_closed", detail);
    }

    private static ApiProblemException orderNotFound() {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "order_not_found", "No such order.");
    }
}
