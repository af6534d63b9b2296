package io.lingqian.payment;

import java.util.List;

/**
 * A refund request whose fields are well formed (the API layer or the portal checked types, lengths
 * and patterns); {@link Refunds#refund} checks the rules that need the order.
 *
 * @param transactionId  the order by WeChat's number, or null to find it by {@code outTradeNo}
 * @param outTradeNo     the order by the merchant's number (null when {@code transactionId} is given)
 * @param notifyUrl      where the REFUND.* notification goes; null for the order's notify_url
 * @param totalFen       the order's total as the merchant states it: must match
 * @param from           {@code amount.from} as sent (empty when absent); its amounts add up to the refund
 * @param requestDigest  a digest of the request's content: a repeat with the same out_refund_no must
 *                       carry the same one
 */
public record NewRefund(String transactionId, String outTradeNo, String outRefundNo, String reason, String notifyUrl,
                        long refundFen, long totalFen, List<Refund.FundsFrom> from, String requestDigest) {

    public NewRefund {
        from = List.copyOf(from);
    }
}
