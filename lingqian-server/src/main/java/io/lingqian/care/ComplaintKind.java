package io.lingqian.care;

/**
 * What the user complains about, with WeChat's {@code problem_type} it is shown to the merchant as
 * (reference §7; a complaint that asks for money back is {@code REFUND} whatever its kind).
 */
public enum ComplaintKind {
    NOT_RECEIVED("SERVICE_NOT_WORK"),
    WRONG_AMOUNT("REFUND"),
    FRAUD("OTHERS"),
    OTHER("OTHERS");

    private final String problemType;

    ComplaintKind(String problemType) {
        this.problemType = problemType;
    }

    public String problemType() {
        return problemType;
    }
}
