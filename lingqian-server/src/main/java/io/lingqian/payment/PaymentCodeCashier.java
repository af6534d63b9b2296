package io.lingqian.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.payment.PaymentCodeRefusal.Reason;
import io.lingqian.payment.internal.OrderStore;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.wallet.PaymentCode;
import io.lingqian.wallet.PaymentCodes;
import io.lingqian.wallet.WalletLimits;

/**
 * The payment code (付款码) scene: the merchant scans the code the user shows and charges it
 * ({@link #micropay}); the money moves through the {@link Cashier} exactly as in every other scene.
 *
 * <p>A presented code makes the order the user's ({@code USERPAYING}) and is paid at once when the
 * user's password-free settings and limits allow it; otherwise it waits in the wallet for the payment
 * password ({@link Cashier#pay} on the order's prepay id) or for the user to {@link #cancel} it
 * ({@code PAYERROR}). The merchant may {@link #reverse} an order: an unpaid one is revoked, a paid one
 * is revoked and its money goes back in one linked ledger batch {@code reverse:<transaction_id>}.
 */
@Service
public class PaymentCodeCashier {

    /** How long after payment a paid order may be reversed (WeChat: orders of the last 7 days). */
    static final Duration REVERSE_WINDOW = Duration.ofDays(7);
    private static final int WAITING_LIMIT = 20;

    private final OrderStore store;
    private final PaymentOrders orders;
    private final Cashier cashier;
    private final PaymentCodes codes;
    private final WalletLimits limits;
    private final Ledger ledger;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PaymentCodeCashier(OrderStore store, PaymentOrders orders, Cashier cashier, PaymentCodes codes,
            WalletLimits limits, Ledger ledger, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.cashier = cashier;
        this.codes = codes;
        this.limits = limits;
        this.ledger = ledger;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Charges the presented code for the order. A repeat of the same request (same out_trade_no and
     * content, the code included) answers with the order as it is now and charges nothing again.
     *
     * @param request an order of {@link TradeType#MICROPAY} whose digest covers the code
     * @return the order: {@code SUCCESS} when paid, {@code USERPAYING} while it waits for the payer's
     *         password, {@code NOTPAY} only when an identical request is still in flight
     * @throws PaymentCodeRefusal for a bad code, a payment the payer's balance or limits refuse, and a
     *         reused out_trade_no
     */
    public PaymentOrder micropay(long merchantId, NewOrder request, String authCode) {
        return micropay(merchantId, request, authCode, false);
    }

    /**
     * {@link #micropay} for an order a service provider places for its sub-merchant (the caller checked
     * the binding): the order's appid is the provider's or the sub-merchant's, not bound to the
     * sub-merchant's mchid as a direct order's must be.
     */
    public PaymentOrder micropayForSubMerchant(long subMerchantId, NewOrder request, String authCode) {
        return micropay(subMerchantId, request, authCode, true);
    }

    private PaymentOrder micropay(long merchantId, NewOrder request, String authCode, boolean forSubMerchant) {
        if (request.tradeType() != TradeType.MICROPAY) {
            throw new IllegalArgumentException("a payment-code order is of trade type MICROPAY");
        }
        Optional<OrderStore.Stored> existing = store.byOutTradeNo(merchantId, request.outTradeNo());
        if (existing.isPresent()) {
            return repeat(existing.get(), request);
        }
        PaymentCode code;
        try {
            code = codes.redeem(authCode);
        } catch (PaymentCodes.Refused refused) {
            // An identical request a moment earlier spent the code and created the order.
            Optional<OrderStore.Stored> raced = store.byOutTradeNo(merchantId, request.outTradeNo());
            if (raced.isPresent()) {
                return repeat(raced.get(), request);
            }
            throw new PaymentCodeRefusal(switch (refused.why()) {
                case MALFORMED -> Reason.AUTH_CODE_INVALID;
                case UNKNOWN -> Reason.AUTH_CODE_ERROR;
                case USED, REPLACED, EXPIRED, DEVICE_NOT_TRUSTED -> Reason.AUTHCODEEXPIRE;
            }, refused.getMessage());
        }
        PaymentOrder order;
        try {
            order = forSubMerchant ? orders.prepayForSubMerchant(merchantId, request)
                    : orders.prepay(merchantId, request);
        } catch (PaymentRefusal refusal) {
            throw translate(refusal);
        }
        boolean claimed = Boolean.TRUE.equals(transaction.execute(status -> {
            PaymentOrder locked = store.lock(order.id());
            if (locked.tradeState() != TradeState.NOTPAY || locked.payerUserId() != null) {
                return false;
            }
            store.markUserPaying(locked.id(), TradeState.NOTPAY, code.userId(), clock.instant());
            return true;
        }));
        if (!claimed) {
            return store.byId(order.id()).orElseThrow();
        }
        try {
            cashier.pay(code.userId(), code.deviceId(), order.prepayId(), null);
        } catch (ApiProblemException refused) {
            switch (refused.code()) {
                case "password_required", "order_paid" -> {
                    // waits in the wallet for the payment password, or the payer confirmed it meanwhile
                }
                case "insufficient_balance" -> fail(order, Reason.NOTENOUGH, refused.getMessage());
                default -> fail(order, Reason.TRADE_ERROR, refused.getMessage());
            }
        }
        return store.byId(order.id()).orElseThrow();
    }

    private PaymentOrder repeat(OrderStore.Stored stored, NewOrder request) {
        if (!stored.requestHash().equals(request.requestDigest())) {
            throw new PaymentCodeRefusal(Reason.OUT_TRADE_NO_USED, "out_trade_no " + request.outTradeNo()
                    + " was used for an order with other parameters; a new payment code needs a new out_trade_no");
        }
        PaymentOrder order = stored.order();
        return switch (order.tradeState()) {
            case NOTPAY, USERPAYING, SUCCESS, REFUND -> order;
            case REVOKED -> throw new PaymentCodeRefusal(Reason.ORDERREVERSED, "order " + order.outTradeNo()
                    + " was reversed");
            case CLOSED -> throw new PaymentCodeRefusal(Reason.ORDERCLOSED, "order " + order.outTradeNo()
                    + " is closed");
            case PAYERROR -> throw new PaymentCodeRefusal(Reason.TRADE_ERROR, "the payment of order "
                    + order.outTradeNo() + " failed; ask for a new payment code and use a new out_trade_no");
        };
    }

    /** USERPAYING → PAYERROR, then the refusal: the merchant's answer says why, a query says PAYERROR. */
    private void fail(PaymentOrder order, Reason reason, String message) {
        transaction.executeWithoutResult(status -> {
            PaymentOrder locked = store.lock(order.id());
            if (locked.tradeState() == TradeState.USERPAYING) {
                store.markFailed(locked.id(), TradeState.USERPAYING, reason + ": " + message, clock.instant());
            }
        });
        throw new PaymentCodeRefusal(reason, message);
    }

    private static PaymentCodeRefusal translate(PaymentRefusal refusal) {
        Reason reason = switch (refusal.reason()) {
            case APPID_MCHID_NOT_MATCH -> Reason.APPID_MCHID_NOT_MATCH;
            case OUT_TRADE_NO_USED -> Reason.OUT_TRADE_NO_USED;
            case ORDER_PAID -> Reason.ORDERPAID;
            case ORDER_CLOSED -> Reason.ORDERCLOSED;
            case ORDER_NOT_EXIST -> Reason.ORDERNOTEXIST;
            case OPENID_MISMATCH, RULE_LIMIT -> Reason.TRADE_ERROR;
        };
        return new PaymentCodeRefusal(reason, refusal.getMessage());
    }

    /** The user's payment-code orders waiting for the payment password, newest first. */
    public List<CashierOrder> waiting(long userId) {
        return store.ofPayer(userId, TradeState.USERPAYING, WAITING_LIMIT).stream()
                .filter(o -> o.tradeType() == TradeType.MICROPAY)
                .map(o -> cashier.order(userId, o.prepayId())).filter(CashierOrder::payable).toList();
    }

    /**
     * The payer declines a waiting payment: the order fails ({@code PAYERROR}) and the merchant's next
     * query says so. Cancelling a cancelled one again changes nothing.
     *
     * @throws ApiProblemException {@code order_not_found} (404) for an order that is not the user's,
     *         {@code order_paid} or {@code order_closed} (409)
     */
    public CashierOrder cancel(long userId, String prepayId) {
        PaymentOrder order = (prepayId == null ? Optional.<PaymentOrder>empty() : store.byPrepayId(prepayId))
                .filter(o -> o.tradeType() == TradeType.MICROPAY && Objects.equals(o.payerUserId(), userId))
                .orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, "order_not_found", "No such order."));
        transaction.executeWithoutResult(status -> {
            PaymentOrder locked = store.lock(order.id());
            switch (locked.tradeState()) {
                case USERPAYING -> store.markFailed(locked.id(), TradeState.USERPAYING, "cancelled by the payer",
                        clock.instant());
                case PAYERROR -> {
                    // cancelled (or failed) already
                }
                case SUCCESS, REFUND -> throw new ApiProblemException(HttpStatus.CONFLICT, "order_paid",
                        "This order is paid already.");
                default -> throw new ApiProblemException(HttpStatus.CONFLICT, "order_closed",
                        "This order can no longer be paid.");
            }
        });
        return cashier.order(userId, prepayId);
    }

    /**
     * Reverses (撤销) a payment-code order of the merchant, found by {@code transactionId} when given,
     * else by {@code outTradeNo}. Unpaid or waiting: revoked. Paid within {@link #REVERSE_WINDOW}:
     * revoked, and every transfer of its payment goes back in one linked batch (ids
     * {@code reverse:<transaction_id>[:fee|:discount:<id>]}, reference {@code reverse:<transaction_id>});
     * the payer's limits get the amount back. Reversing a reversed, failed or closed order again
     * changes nothing (the merchant is told to repeat a reverse whose answer it lost).
     *
     * @throws PaymentCodeRefusal {@code ORDERNOTEXIST}, {@code REVERSE_EXPIRE}, {@code TRADE_ERROR} for
     *         an order of another scene, one with a refund, or money that cannot go back
     */
    public PaymentOrder reverse(long merchantId, String transactionId, String outTradeNo) {
        Optional<PaymentOrder> found = transactionId != null && !transactionId.isEmpty()
                ? store.byTransactionId(merchantId, transactionId).filter(o -> o.payerUserId() != null)
                : store.byOutTradeNo(merchantId, outTradeNo == null ? "" : outTradeNo).map(OrderStore.Stored::order);
        PaymentOrder order = found.orElseThrow(() -> new PaymentCodeRefusal(Reason.ORDERNOTEXIST,
                "no such order of this merchant"));
        if (order.tradeType() != TradeType.MICROPAY) {
            throw new PaymentCodeRefusal(Reason.TRADE_ERROR, "only payment-code orders can be reversed; close an "
                    + "unpaid " + order.tradeType() + " order or refund a paid one");
        }
        return transaction.execute(status -> {
            PaymentOrder locked = store.lock(order.id());
            Instant now = clock.instant();
            switch (locked.tradeState()) {
                case NOTPAY, USERPAYING -> store.markRevoked(locked.id(), locked.tradeState(),
                        "reversed by the merchant before payment", now);
                case SUCCESS -> {
                    if (now.isAfter(locked.successTime().plus(REVERSE_WINDOW))) {
                        throw new PaymentCodeRefusal(Reason.REVERSE_EXPIRE, "orders paid more than "
                                + REVERSE_WINDOW.toDays() + " days ago cannot be reversed; refund it");
                    }
                    store.markRevoked(locked.id(), TradeState.SUCCESS, "reversed by the merchant: money returned", now);
                    String payment = PaymentPostings.reference(locked.transactionId());
                    if (locked.payerTotalFen() != null && locked.payerTotalFen() > 0) {
                        limits.releaseOutflow(payment, locked.payerTotalFen());
                    }
                    List<TransferResult> results = ledger.createLinked(reversal(locked.transactionId()));
                    results.stream().filter(r -> !r.ok() && r.result() != CreateTransferResult.LINKED_EVENT_FAILED)
                            .findFirst().ifPresent(r -> {
                                throw new PaymentCodeRefusal(Reason.TRADE_ERROR, "the money cannot go back now ("
                                        + r.result() + "); nothing was changed, try again later or refund");
                            });
                }
                case REFUND -> throw new PaymentCodeRefusal(Reason.TRADE_ERROR,
                        "a refund of this order was started; it can no longer be reversed");
                case REVOKED, CLOSED, PAYERROR -> {
                    // no money moved, or it went back already
                }
            }
            return store.byId(locked.id()).orElseThrow();
        });
    }

    /** Each transfer of the payment, the other way round and in reverse order: fee, discounts, payer. */
    private List<TransferRequest> reversal(String transactionId) {
        String payment = PaymentPostings.reference(transactionId);
        String reference = reverseReference(transactionId);
        List<TransferRequest> back = new ArrayList<>();
        // Undone last-first: the fee comes back to the settlement account before the payer is paid from it.
        List<Transfer> made = new ArrayList<>(ledger.transfersByReference(payment));
        java.util.Collections.reverse(made);
        for (Transfer t : made) {
            if (t.kind() != TransferKind.SINGLE || !t.id().startsWith(payment)) {
                continue;
            }
            int code = t.code() == TransferCode.PAYMENT.code() ? TransferCode.REFUND.code()
                    : t.code() == TransferCode.PAYMENT_FEE.code() ? TransferCode.FEE_REFUND.code() : t.code();
            back.add(TransferRequest.single(reference + t.id().substring(payment.length()), t.creditAccountId(),
                    t.debitAccountId(), t.amount(), t.ledger(), code, reference));
        }
        if (back.isEmpty()) {
            throw new IllegalStateException("paid order " + transactionId + " has no payment transfers");
        }
        return back;
    }

    /** The reference of a reversed payment's transfers (also the payer's bill of it). */
    public static String reverseReference(String transactionId) {
        return "reverse:" + transactionId;
    }
}
