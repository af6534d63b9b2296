package io.lingqian.payment;

import java.time.Instant;

/** A change of an order's {@code trade_state}; {@code from} is null for the order's creation. */
public record OrderEvent(TradeState from, TradeState to, String reason, Instant at) {
}
