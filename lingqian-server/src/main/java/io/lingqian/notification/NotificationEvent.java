package io.lingqian.notification;

/**
 * A kind of notification, with the envelope fields WeChat Pay sends for it (reference §4.1).
 *
 * @param eventType      {@code event_type}
 * @param summary        {@code summary}, in WeChat's words
 * @param originalType   {@code resource.original_type}
 * @param associatedData {@code resource.associated_data}, bound into the encryption
 */
public enum NotificationEvent {

    TRANSACTION_SUCCESS("TRANSACTION.SUCCESS", "支付成功", "transaction", "transaction"),
    REFUND_SUCCESS("REFUND.SUCCESS", "退款成功", "refund", "refund"),
    REFUND_ABNORMAL("REFUND.ABNORMAL", "退款异常", "refund", "refund"),
    REFUND_CLOSED("REFUND.CLOSED", "退款关闭", "refund", "refund"),
    /** Reference §7: the decrypted resource is {@code {complaint_id, action_type}}; no associated data. */
    COMPLAINT_CREATE("COMPLAINT.CREATE", "产生新投诉", "complaint", ""),
    COMPLAINT_STATE_CHANGE("COMPLAINT.STATE_CHANGE", "投诉单状态变化", "complaint", ""),
    COUPON_USE("COUPON.USE", "用券成功", "coupon", "");

    private final String eventType;
    private final String summary;
    private final String originalType;
    private final String associatedData;

    NotificationEvent(String eventType, String summary, String originalType, String associatedData) {
        this.eventType = eventType;
        this.summary = summary;
        this.originalType = originalType;
        this.associatedData = associatedData;
    }

    public String eventType() {
        return eventType;
    }

    public String summary() {
        return summary;
    }

    public String originalType() {
        return originalType;
    }

    public String associatedData() {
        return associatedData;
    }

    public static NotificationEvent ofEventType(String eventType) {
        for (NotificationEvent e : values()) {
            if (e.eventType.equals(eventType)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown event type " + eventType);
    }
}
