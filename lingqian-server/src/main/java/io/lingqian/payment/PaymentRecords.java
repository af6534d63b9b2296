package io.lingqian.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;

import io.lingqian.payment.internal.DiscountStore;
import io.lingqian.payment.internal.OrderReports;
import io.lingqian.payment.internal.RefundStore;

/**
 * Orders as records to read: searched and shown in the consoles, and streamed for the merchant's
 * bills. Nothing here changes an order (an expired order still unpaid is closed by the job, not by
 * looking at it). The merchant methods take the merchant's id, so a merchant only ever reaches its own.
 */
@Service
public class PaymentRecords {

    public static final int PAGE_SIZE = 20;

    private final OrderReports reports;
    private final RefundStore refunds;
    private final DiscountStore discounts;

    PaymentRecords(OrderReports reports, RefundStore refunds, DiscountStore discounts) {
        this.reports = reports;
        this.refunds = refunds;
        this.discounts = discounts;
    }

    /**
     * The discounts the order was paid with, in the order they were applied (its
     * {@code promotion_detail}); empty for an unpaid or undiscounted order.
     */
    public List<PaymentHook.Discount> discountsOf(PaymentOrder order) {
        if (order.payerTotalFen() == null || order.payerTotalFen() == order.totalFen()) {
            return List.of();
        }
        return discounts.ofOrder(order.id());
    }

    /** 应结订单金额: the total less the discounts the merchant funded itself (NOCASH), as a bill's {@link BilledPayment} has it. */
    public long settlementTotalFen(PaymentOrder order) {
        return order.totalFen() - discountsOf(order).stream().filter(PaymentHook.Discount::merchantFunded)
                .mapToLong(PaymentHook.Discount::amountFen).sum();
    }

    /**
     * A page of the merchant's orders. A {@code transaction_id} finds only a paid order: before
     * payment the merchant does not know it (as the query API).
     */
    public OrderPage merchantOrders(long merchantId, OrderFilter filter, int page) {
        return reports.search(merchantId, filter, false, Math.max(page, 0), PAGE_SIZE);
    }

    /** A page of every merchant's orders, for staff. */
    public OrderPage allOrders(OrderFilter filter, int page) {
        return reports.search(null, filter, true, Math.max(page, 0), PAGE_SIZE);
    }

    public Optional<PaymentOrder> merchantOrder(long merchantId, String outTradeNo) {
        return reports.byOutTradeNo(merchantId, outTradeNo);
    }

    /** Any order, for staff. */
    public Optional<PaymentOrder> order(long id) {
        return reports.byId(id);
    }

    /** The order's changes of state, oldest first. */
    public List<OrderEvent> events(long orderId) {
        return reports.events(orderId);
    }

    /**
     * Hands the merchant's orders paid in {@code [from, to)} to {@code each} with their bill fields, in
     * order of payment, one at a time from a database cursor: a day of any size costs constant
     * memory. Orders keep their row here whatever happened to them later (a refund), as a bill's
     * payment rows do. Run it inside a transaction (a cursor needs one on PostgreSQL).
     *
     * @return how many orders were handed over
     */
    public long forEachPaid(long merchantId, Instant from, Instant to, Consumer<BilledPayment> each) {
        return reports.forEachPaid(merchantId, from, to, each);
    }

    /**
     * Hands the merchant's refunds initiated in {@code [from, to)} to {@code each}, in the order they
     * were made, with their orders' bill fields, one at a time from a database cursor. A refund is
     * handed over as it is now (its status may have moved on since that day). Run it inside a transaction.
     *
     * @return how many refunds were handed over
     */
    public long forEachRefund(long merchantId, Instant from, Instant to, Consumer<BilledRefund> each) {
        return refunds.forEachCreated(merchantId, from, to, each);
    }

    /** Most refunds one staff search shows. */
    public static final int REFUNDS_SHOWN = 100;

    /**
     * Every merchant's refunds, newest first (at most {@link #REFUNDS_SHOWN}), for staff: narrowed to a
     * merchant, a number (out_refund_no, refund_id, out_trade_no or transaction_id) and a status, each
     * when not null or blank.
     */
    public List<Refund> allRefunds(String mchid, String number, RefundStatus status) {
        return refunds.search(blankToNull(mchid), blankToNull(number), status, REFUNDS_SHOWN);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The ledger reference every transfer of a paid order carries: {@code payment:<transaction_id>}. */
    public static String ledgerReference(PaymentOrder order) {
        return PaymentPostings.reference(order.transactionId());
    }
}
