package io.lingqian.payment;

import java.time.Instant;

/**
 * A merchant's order (WeChat Pay's "transaction"). Optional request fields are null when the
 * merchant left them out; the payment fields are null until the order is paid.
 *
 * @param transactionId WeChat-style 28-digit order number, assigned at prepay but shown to the
 *                      merchant only once paid
 * @param codeToken     the {@code pr=} of the Native {@code code_url}
 * @param payerOpenid   for JSAPI the payer named at prepay; once paid, the payer's openid under appid
 * @param payerTotalFen what the payer paid: the total less discounts
 * @param feeFen        the merchant's fee on the payment
 * @param fundingCardId the payer's bound card (wallet_card id) when paid by card, null for the balance
 * @param bankType      WeChat's {@code bank_type} once paid: {@code OTHERS} for the balance, e.g.
 *                      {@code ICBC_DEBIT} for a card
 */
public record PaymentOrder(long id, long merchantId, String mchid, String appid, String outTradeNo,
                           String transactionId, String prepayId, String codeToken, TradeType tradeType,
                           TradeState tradeState, String description, String attach, String notifyUrl,
                           String goodsTag, long totalFen, String currency, String payerOpenid, String payerClientIp,
                           String deviceId, Instant timeExpire, Instant createdAt, Long payerUserId,
                           Long payerTotalFen, Long feeFen, Instant successTime, Instant closedAt,
                           Long fundingCardId, String bankType) {

    /** The Native {@code code_url}: WeChat's own scheme, so merchant code that checks it keeps working. */
    public static final String CODE_URL_PREFIX = "weixin://wxpay/bizpayurl?pr=";

    public String codeUrl() {
        return CODE_URL_PREFIX + codeToken;
    }

    /** Whether the order can no longer be paid because its time has passed (even before the job closes it). */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(timeExpire);
    }
}
