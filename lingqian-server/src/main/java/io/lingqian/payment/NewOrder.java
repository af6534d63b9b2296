package io.lingqian.payment;

import java.time.Instant;

/**
 * A prepay request whose fields are well formed (the API layer checked types, lengths and
 * patterns); {@link PaymentOrders#prepay} checks the rules that need the database.
 *
 * @param timeExpire    null for the default expiry
 * @param payerOpenid   required for JSAPI, null otherwise
 * @param requestDigest a digest of the request's content: a repeat with the same out_trade_no must
 *                      carry the same one
 */
public record NewOrder(TradeType tradeType, String appid, String mchid, String description, String outTradeNo,
                       Instant timeExpire, String attach, String notifyUrl, String goodsTag, long totalFen,
                       String currency, String payerOpenid, String payerClientIp, String deviceId,
                       String requestDigest) {
}
