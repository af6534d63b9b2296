package io.lingqian.care;

import java.time.Instant;

/**
 * A complaint about one merchant payment.
 *
 * @param complaintId        WeChat-style 27-digit {@code complaint_id}
 * @param requestedRefundFen what the user asks back, or null
 * @param overdueAt          when the job found a deadline passed unmet; null while none is
 * @param overdueReason      which deadline
 * @param escalatedBy        the staff member who refunded the user from the merchant's funds
 * @param fullRefunded       whether the order has been refunded in full
 */
public record Complaint(long id, String complaintId, long userId, long merchantId, String mchid,
                        String transactionId, String outTradeNo, long amountFen, String payerOpenid,
                        ComplaintKind kind, String description, Long requestedRefundFen, ComplaintState state,
                        Instant createdAt, Instant replyDueAt, Instant resolveDueAt, Instant firstResponseAt,
                        Instant resolvedAt, Instant overdueAt, String overdueReason, Instant escalatedAt,
                        String escalatedBy, boolean fullRefunded) {

    /** WeChat's {@code problem_type}. */
    public String problemType() {
        return requestedRefundFen != null ? "REFUND" : kind.problemType();
    }

    public boolean overdue() {
        return overdueAt != null;
    }
}
