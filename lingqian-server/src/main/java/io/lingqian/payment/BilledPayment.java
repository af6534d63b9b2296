package io.lingqian.payment;

import java.time.Instant;

/**
 * A paid order with only the fields a trade bill's payment record has (reference §3.8), read for
 * days of up to millions of orders.
 *
 * @param settlementTotalFen 应结订单金额: the total less the discounts the merchant funded itself (NOCASH)
 * @param payerTotalFen      what the payer paid: the total less every discount
 * @param bankType           {@code OTHERS} for the balance, e.g. {@code ICBC_DEBIT} for a card
 */
public record BilledPayment(String mchid, String appid, String deviceId, String transactionId, String outTradeNo,
                            String payerOpenid, TradeType tradeType, String bankType, String currency, long totalFen,
                            long payerTotalFen, long settlementTotalFen, long feeFen, String description,
                            String attach, Instant successTime) {
}
