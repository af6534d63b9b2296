package io.lingqian.api.v3.transfer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.payout.Payout;
import io.lingqian.payout.PayoutBatch;

/** The transfer batch objects of reference §5.4, as the SDK's {@code TransferBatchEntity} and friends read them. */
final class TransferViews {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private TransferViews() {
    }

    static String time(Instant instant) {
        return RFC3339.format(instant);
    }

    record Accepted(@JsonProperty("out_batch_no") String outBatchNo, @JsonProperty("batch_id") String batchId,
                    @JsonProperty("create_time") String createTime, @JsonProperty("batch_status") String batchStatus) {

        static Accepted of(PayoutBatch b) {
            return new Accepted(b.outBatchNo(), b.batchId(), time(b.createdAt()), b.state().name());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entity(@JsonProperty("transfer_batch") Batch transferBatch,
                  @JsonProperty("transfer_detail_list") List<DetailCompact> transferDetailList) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Batch(String mchid, @JsonProperty("out_batch_no") String outBatchNo, @JsonProperty("batch_id") String batchId,
                 String appid, @JsonProperty("batch_status") String batchStatus,
                 @JsonProperty("batch_type") String batchType, @JsonProperty("batch_name") String batchName,
                 @JsonProperty("batch_remark") String batchRemark, @JsonProperty("total_amount") long totalAmount,
                 @JsonProperty("total_num") int totalNum, @JsonProperty("create_time") String createTime,
                 @JsonProperty("update_time") String updateTime, @JsonProperty("success_amount") long successAmount,
                 @JsonProperty("success_num") int successNum, @JsonProperty("fail_amount") long failAmount,
                 @JsonProperty("fail_num") int failNum, @JsonProperty("transfer_scene_id") String transferSceneId) {

        static Batch of(String mchid, PayoutBatch b) {
            return new Batch(mchid, b.outBatchNo(), b.batchId(), b.appid(), b.state().name(), "API", b.name(),
                    b.remark(), b.totalAmountFen(), b.totalNum(), time(b.createdAt()), time(b.updatedAt()),
                    b.successAmountFen(), b.successNum(), b.failAmountFen(), b.failNum(), b.transferSceneId());
        }
    }

    record DetailCompact(@JsonProperty("detail_id") String detailId, @JsonProperty("out_detail_no") String outDetailNo,
                         @JsonProperty("detail_status") String detailStatus) {

        static DetailCompact of(Payout p) {
            return new DetailCompact(p.payoutNo(), p.outNo(), p.state().name());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String mchid, @JsonProperty("out_batch_no") String outBatchNo, @JsonProperty("batch_id") String batchId,
                  String appid, @JsonProperty("out_detail_no") String outDetailNo,
                  @JsonProperty("detail_id") String detailId, @JsonProperty("detail_status") String detailStatus,
                  @JsonProperty("transfer_amount") long transferAmount,
                  @JsonProperty("transfer_remark") String transferRemark,
                  @JsonProperty("fail_reason") String failReason, String openid,
                  @JsonProperty("user_name") String userName, @JsonProperty("initiate_time") String initiateTime,
                  @JsonProperty("update_time") String updateTime) {

        static Detail of(String mchid, PayoutBatch b, Payout p, String encryptedUserName) {
            return new Detail(mchid, b.outBatchNo(), b.batchId(), b.appid(), p.outNo(), p.payoutNo(), p.state().name(),
                    p.amountFen(), p.remark(), p.failReason(), p.openid(), encryptedUserName, time(p.createdAt()),
                    time(p.updatedAt()));
        }
    }
}
