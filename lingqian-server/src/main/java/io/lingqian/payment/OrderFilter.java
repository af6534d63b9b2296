package io.lingqian.payment;

import java.time.LocalDate;

/**
 * What the consoles search orders by; every part is optional (null or blank: no condition).
 *
 * @param mchid  one merchant's orders (staff only; a merchant always sees just its own)
 * @param number an order's {@code out_trade_no} or {@code transaction_id}, exactly
 * @param from   the first day the order was placed on, China Standard Time
 * @param to     the last day the order was placed on, China Standard Time
 */
public record OrderFilter(String mchid, String number, TradeState state, LocalDate from, LocalDate to) {

    public static final OrderFilter NONE = new OrderFilter(null, null, null, null, null);
}
