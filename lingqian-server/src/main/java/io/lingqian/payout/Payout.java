package io.lingqian.payout;

import java.time.Instant;

/**
 * One payment to a user's balance: a v2 enterprise payment or a detail of a batch.
 *
 * @param payoutNo   our number: {@code payment_no} / {@code detail_id}
 * @param batchId    the batch's {@code batch_id}, or null for a v2 payment
 * @param outNo      the merchant's {@code partner_trade_no} or {@code out_detail_no}
 * @param userId     the user paid, or null when the openid was not one of the app's
 * @param remark     {@code desc} or {@code transfer_remark}, shown to the user
 * @param userName   the name the merchant gave to be checked, or null
 * @param failReason why a FAIL payout failed ({@code fail_reason}), or null
 */
public record Payout(String payoutNo, long merchantId, String batchId, String outNo, String appid, String openid,
                     Long userId, long amountFen, String remark, String userName, PayoutState state,
                     String failReason, Instant createdAt, Instant updatedAt) {

    /** The ledger transfer's id and reference, and the wallet bill's reference. */
    public String reference() {
        return Payouts.REFERENCE_PREFIX + payoutNo;
    }
}
