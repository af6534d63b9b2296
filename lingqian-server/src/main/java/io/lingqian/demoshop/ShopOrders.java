package io.lingqian.demoshop;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The shop's own order book, in memory: what the shop sold, and whether it knows it was paid (from
 * its notify endpoint or by asking the API). It forgets everything on restart and keeps only the
 * latest orders, which is enough for a demo and keeps it from ever reaching into Lingqian's tables.
 */
@Component
class ShopOrders {

    /** How the customer pays. */
    enum Channel { NATIVE, JSAPI }

    /** The shop's view of an order; it moves only forward, UNPAID to PAID or CLOSED. */
    enum State { UNPAID, PAID, CLOSED }

    /**
     * One order.
     *
     * @param codeUrl     Native: the code_url to show as a QR code
     * @param jsapiParams JSAPI: the parameters for {@code getBrandWCPayRequest}, signed by the shop's server
     * @param notified    the payment notification arrived and verified
     * @param refundedFen what the refund notifications reported, by out_refund_no
     */
    record ShopOrder(String outTradeNo, Channel channel, String item, long totalFen, Instant createdAt,
                     String codeUrl, Map<String, String> jsapiParams, State state, String transactionId,
                     boolean notified, Map<String, Long> refundedFen) {

        ShopOrder {
            jsapiParams = jsapiParams == null ? null : Map.copyOf(jsapiParams);
            refundedFen = Map.copyOf(refundedFen);
        }

        long refundedTotalFen() {
            return refundedFen.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static final int KEPT = 500;

    private final Clock clock;
    private final Map<String, ShopOrder> orders = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ShopOrder> eldest) {
            return size() > KEPT;
        }
    };

    ShopOrders(Clock clock) {
        this.clock = clock;
    }

    synchronized ShopOrder add(String outTradeNo, Channel channel, String item, long totalFen, String codeUrl,
            Map<String, String> jsapiParams) {
        ShopOrder order = new ShopOrder(outTradeNo, channel, item, totalFen, clock.instant(), codeUrl, jsapiParams,
                State.UNPAID, null, false, Map.of());
        orders.put(outTradeNo, order);
        return order;
    }

    synchronized Optional<ShopOrder> find(String outTradeNo) {
        return Optional.ofNullable(orders.get(outTradeNo));
    }

    /** Paid, as the API or a notification says; repeating it changes nothing but the notified flag. */
    synchronized Optional<ShopOrder> paid(String outTradeNo, String transactionId, boolean byNotification) {
        return update(outTradeNo, o -> new ShopOrder(o.outTradeNo(), o.channel(), o.item(), o.totalFen(),
                o.createdAt(), o.codeUrl(), o.jsapiParams(), State.PAID, transactionId,
                o.notified() || byNotification, o.refundedFen()));
    }

    /** Closed (or otherwise over unpaid), as the API says; a paid order stays paid. */
    synchronized Optional<ShopOrder> closed(String outTradeNo) {
        return update(outTradeNo, o -> o.state() != State.UNPAID ? o
                : new ShopOrder(o.outTradeNo(), o.channel(), o.item(), o.totalFen(), o.createdAt(), o.codeUrl(),
                        o.jsapiParams(), State.CLOSED, null, o.notified(), o.refundedFen()));
    }

    /** A refund notification; the same out_refund_no twice counts once. */
    synchronized Optional<ShopOrder> refunded(String outTradeNo, String outRefundNo, long refundFen) {
        return update(outTradeNo, o -> {
            Map<String, Long> refunds = new LinkedHashMap<>(o.refundedFen());
            refunds.put(outRefundNo, refundFen);
            return new ShopOrder(o.outTradeNo(), o.channel(), o.item(), o.totalFen(), o.createdAt(), o.codeUrl(),
                    o.jsapiParams(), o.state(), o.transactionId(), o.notified(), refunds);
        });
    }

    private Optional<ShopOrder> update(String outTradeNo, java.util.function.UnaryOperator<ShopOrder> change) {
        ShopOrder current = orders.get(outTradeNo);
        if (current == null) {
            return Optional.empty();
        }
        ShopOrder next = change.apply(current);
        orders.put(outTradeNo, next);
        return Optional.of(next);
    }
}
