package io.lingqian.payout;

import java.time.Instant;

/** A v3 transfer batch, with its outcome once FINISHED. */
public record PayoutBatch(long id, String batchId, long merchantId, String outBatchNo, String appid, String name,
                          String remark, long totalAmountFen, int totalNum, String transferSceneId, BatchState state,
                          long successAmountFen, int successNum, long failAmountFen, int failNum, Instant createdAt,
                          Instant updatedAt) {
}
