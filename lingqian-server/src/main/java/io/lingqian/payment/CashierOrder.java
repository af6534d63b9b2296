package io.lingqian.payment;

import java.time.Instant;

/**
 * What the wallet's cashier shows the payer before they pay: who is asking for how much, and
 * whether the order can still be paid.
 *
 * @param prepayId the order's handle in the wallet (also for Native orders, whose merchant never
 *                 sees it)
 * @param payable  unpaid and not expired
 */
public record CashierOrder(String prepayId, TradeType tradeType, String merchantName, String description,
                           long amountFen, TradeState tradeState, Instant timeExpire, boolean payable) {
}
