package io.lingqian.payout;

/**
 * A v2 enterprise payment as the merchant asked for it.
 *
 * @param partnerTradeNo the merchant's number, its idempotency key
 * @param userName       the name to check ({@code re_user_name}), or null for NO_CHECK
 * @param requestHash    a digest of the request's content: the same number with another hash is refused
 */
public record NewPayout(String partnerTradeNo, String appid, String openid, String userName, long amountFen,
                        String desc, String requestHash) {
}
