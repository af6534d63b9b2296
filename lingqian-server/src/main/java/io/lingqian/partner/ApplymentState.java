package io.lingqian.partner;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.lingqian.merchant.ApplicationState;

/**
 * The life of a sub-merchant application submitted through the v3 applyment API (domain-rules.md §6.2),
 * as data: each state and the states it may move to.
 *
 * <pre>
 * CHECKING → ACCOUNT_NEED_VERIFY → AUDITING → NEED_SIGN → FINISH
 *    ↓               ↓               ↓    ↑        ↓
 * REJECTED ←─────────┼───────────────┘    │     CANCELED
 *    └→ CHECKING (resubmitted under the same business_code)
 * every state but FINISH → CANCELED
 * </pre>
 *
 * CHECKING is the data check (field formats, the bank's account-name enquiry) and lasts as long as the
 * submit request. ACCOUNT_NEED_VERIFY is skipped when the super administrator is the legal person.
 * From AUDITING on, the staff's review of the shop's ordinary merchant application decides
 * ({@link #of(ApplicationState)}): there is one review queue and one model for both onboarding paths.
 * WeChat's e-commerce applyment also has FROZEN; the 特约商户 query this API answers has no such
 * state, and a finished sub-merchant that staff stop is a suspended merchant, not a frozen application.
 */
public enum ApplymentState {
    CHECKING("APPLYMENT_STATE_AUDITING", "资料校验中"),
    ACCOUNT_NEED_VERIFY("APPLYMENT_STATE_TO_BE_CONFIRMED",
            "待账户验证：请法定代表人打开签约链接，确认超级管理员并完成账户验证"),
    AUDITING("APPLYMENT_STATE_AUDITING", "审核中"),
    REJECTED("APPLYMENT_STATE_REJECTED", "已驳回：请按驳回原因修改后，以同一业务申请编号重新提交"),
    NEED_SIGN("APPLYMENT_STATE_TO_BE_SIGNED", "待签约：请法定代表人打开签约链接完成签约"),
    FINISH("APPLYMENT_STATE_FINISHED", "完成：特约商户已开通"),
    CANCELED("APPLYMENT_STATE_CANCELED", "已作废");

    private static final Map<ApplymentState, Set<ApplymentState>> NEXT = Map.of(
            CHECKING, EnumSet.of(ACCOUNT_NEED_VERIFY, AUDITING, REJECTED, CANCELED),
            ACCOUNT_NEED_VERIFY, EnumSet.of(AUDITING, CANCELED),
            AUDITING, EnumSet.of(NEED_SIGN, REJECTED, CANCELED),
            REJECTED, EnumSet.of(CHECKING, CANCELED),
            NEED_SIGN, EnumSet.of(FINISH, CANCELED),
            FINISH, EnumSet.noneOf(ApplymentState.class),
            CANCELED, EnumSet.noneOf(ApplymentState.class));

    private final String wireCode;
    private final String message;

    ApplymentState(String wireCode, String message) {
        this.wireCode = wireCode;
        this.message = message;
    }

    /**
     * The {@code applyment_state} of the 特约商户 query (WxJava's {@code ApplymentStateEnum}): the
     * official model names the states differently and has no separate data-check state.
     */
    public String wireCode() {
        return wireCode;
    }

    /** The {@code applyment_state_msg}. */
    public String message() {
        return message;
    }

    public boolean canMoveTo(ApplymentState target) {
        return NEXT.get(this).contains(target);
    }

    public Set<ApplymentState> successors() {
        return Set.copyOf(NEXT.get(this));
    }

    /**
     * @throws IllegalApplymentTransition when the table does not allow it
     */
    public ApplymentState next(ApplymentState target) {
        if (!canMoveTo(target)) {
            throw new IllegalApplymentTransition(this, target);
        }
        return target;
    }

    /** The state of an application handed to staff, read from the shop's merchant application. */
    public static ApplymentState of(ApplicationState application) {
        return switch (application) {
            case DRAFT, SUBMITTED, UNDER_REVIEW -> AUDITING;
            case REJECTED -> REJECTED;
            case APPROVED -> NEED_SIGN;
            case CONTRACT_SIGNED, ACTIVE, SUSPENDED -> FINISH;
            case CLOSED -> CANCELED;
        };
    }

    /** A move the table refuses; nothing has changed. */
    public static final class IllegalApplymentTransition extends RuntimeException {

        IllegalApplymentTransition(ApplymentState from, ApplymentState to) {
            super("an application that is " + from + " cannot become " + to, null, false, false);
        }
    }
}
