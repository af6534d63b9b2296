package io.lingqian.payment;

/**
 * A refund with the fields of its order that a trade bill's refund record repeats (reference §3.8).
 *
 * @param bankType the order's {@code bank_type}: {@code OTHERS} for the balance, e.g. {@code ICBC_DEBIT}
 */
public record BilledRefund(Refund refund, String appid, String deviceId, String payerOpenid, TradeType tradeType,
                           String bankType, String description, String attach) {
}
