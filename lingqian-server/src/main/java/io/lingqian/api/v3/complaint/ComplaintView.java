package io.lingqian.api.v3.complaint;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.care.Complaint;
import io.lingqian.care.ComplaintStep;

/** The §7 JSON shapes of a complaint and of a negotiation-history entry. */
final class ComplaintView {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private ComplaintView() {
    }

    static String time(Instant at) {
        return at == null ? null : RFC3339.format(at);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(@JsonProperty("complaint_id") String complaintId,
                  @JsonProperty("complaint_time") String complaintTime,
                  @JsonProperty("complaint_detail") String complaintDetail,
                  @JsonProperty("complainted_mchid") String complaintedMchid,
                  @JsonProperty("complaint_state") String complaintState,
                  @JsonProperty("payer_phone") String payerPhone,
                  @JsonProperty("payer_openid") String payerOpenid,
                  @JsonProperty("complaint_media_list") List<Object> complaintMediaList,
                  @JsonProperty("complaint_order_info") List<Order> complaintOrderInfo,
                  @JsonProperty("service_order_info") List<Object> serviceOrderInfo,
                  @JsonProperty("complaint_full_refunded") boolean complaintFullRefunded,
                  @JsonProperty("incoming_user_response") boolean incomingUserResponse,
                  @JsonProperty("problem_description") String problemDescription,
                  @JsonProperty("user_complaint_times") long userComplaintTimes,
                  @JsonProperty("problem_type") String problemType,
                  @JsonProperty("apply_refund_amount") Long applyRefundAmount,
                  @JsonProperty("user_tag_list") List<String> userTagList) {

        static Detail of(Complaint c, String encryptedPhone, long times) {
            return new Detail(c.complaintId(), time(c.createdAt()), c.description(), c.mchid(), c.state().name(),
                    encryptedPhone, c.payerOpenid(), List.of(),
                    List.of(new Order(c.transactionId(), c.outTradeNo(), c.amountFen())), List.of(),
                    c.fullRefunded(), false, c.kind().name(), times, c.problemType(), c.requestedRefundFen(),
                    List.of());
        }
    }

    record Order(@JsonProperty("transaction_id") String transactionId,
                 @JsonProperty("out_trade_no") String outTradeNo, long amount) {
    }

    record Page<T>(List<T> data, int limit, int offset, @JsonProperty("total_count") long totalCount) {
    }

    /**
     * A history entry. {@code complaint_media_list} is left out: WeChat documents an array, WxJava
     * 4.7.0 reads a single object, and an entry without it suits both.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(@JsonProperty("log_id") String logId, String operator,
                @JsonProperty("operate_time") String operateTime, @JsonProperty("operate_type") String operateType,
                @JsonProperty("operate_details") String operateDetails,
                @JsonProperty("image_list") List<String> imageList) {

        static Step of(ComplaintStep s) {
            return new Step(Long.toString(s.logId()), s.operator(), time(s.at()), s.operateType(), s.details(),
                    List.of());
        }
    }

    record NotifyUrl(String mchid, String url) {
    }
}
