/**
 * The v3 transfer batches (商家转账到零钱, reference §5.4) that the official SDK's
 * {@code TransferBatchService} calls: initiate a batch (user names encrypted with our platform key named
 * by {@code Wechatpay-Serial}), query it by {@code batch_id} or {@code out_batch_no} with its details,
 * query one detail (the user name returned encrypted with the merchant's certificate). The business is
 * {@link io.lingqian.payout.Payouts}.
 */
package io.lingqian.api.v3.transfer;
