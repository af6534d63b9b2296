package io.lingqian.payout;

import java.util.List;

/**
 * A v3 transfer batch as the merchant asked for it.
 *
 * @param requestHash a digest of the request's content: the same {@code out_batch_no} with another hash is refused
 */
public record NewBatch(String outBatchNo, String appid, String name, String remark, long totalAmountFen, int totalNum,
                       String transferSceneId, List<Detail> details, String requestHash) {

    /** One detail; {@code userName} (decrypted) is null when the merchant gave none. */
    public record Detail(String outDetailNo, long amountFen, String remark, String openid, String userName) {
    }
}
