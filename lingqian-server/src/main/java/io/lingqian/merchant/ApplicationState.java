package io.lingqian.merchant;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;

import io.lingqian.platform.ApiProblemException;

/**
 * The life of a merchant application, as data: each state and the states it may move to. The
 * transition table below is the whole state machine; {@link #next} refuses anything else.
 *
 * <pre>
 * DRAFT → SUBMITTED → UNDER_REVIEW → APPROVED → CONTRACT_SIGNED → ACTIVE ⇄ SUSPENDED
 *                          ↓    ↑
 *                      REJECTED (edit, then resubmit)
 * any state but CLOSED → CLOSED
 * </pre>
 */
public enum ApplicationState {
    /** Being filled in by the merchant. */
    DRAFT,
    /** Sent for review; waiting in the queue. */
    SUBMITTED,
    /** A reviewer has picked it up. */
    UNDER_REVIEW,
    /** Sent back with a reason per field; the merchant edits and resubmits. */
    REJECTED,
    /** Accepted; the merchant has its mchid and signs the contract next. */
    APPROVED,
    /** Signed; active once the deposit (if any) is in. */
    CONTRACT_SIGNED,
    /** Takes payments. */
    ACTIVE,
    /** Stopped by staff; may be resumed. */
    SUSPENDED,
    /** Closed for good. */
    CLOSED;

    private static final Map<ApplicationState, Set<ApplicationState>> NEXT = Map.of(
            DRAFT, EnumSet.of(SUBMITTED, CLOSED),
            SUBMITTED, EnumSet.of(UNDER_REVIEW, CLOSED),
            UNDER_REVIEW, EnumSet.of(APPROVED, REJECTED, CLOSED),
            REJECTED, EnumSet.of(SUBMITTED, CLOSED),
            APPROVED, EnumSet.of(CONTRACT_SIGNED, CLOSED),
            CONTRACT_SIGNED, EnumSet.of(ACTIVE, CLOSED),
            ACTIVE, EnumSet.of(SUSPENDED, CLOSED),
            SUSPENDED, EnumSet.of(ACTIVE, CLOSED),
            CLOSED, EnumSet.noneOf(ApplicationState.class));

    public boolean canMoveTo(ApplicationState target) {
        return NEXT.get(this).contains(target);
    }

    /** The states this one may move to. */
    public Set<ApplicationState> successors() {
        return Set.copyOf(NEXT.get(this));
    }

    /** Whether the merchant may still change the application's fields. */
    public boolean editable() {
        return this == DRAFT || this == REJECTED;
    }

    /**
     * @throws ApiProblemException 409 {@code illegal_transition} when the table does not allow it
     */
    public ApplicationState next(ApplicationState target) {
        if (!canMoveTo(target)) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "illegal_transition",
                    "An application that is " + this + " cannot become " + target + ".");
        }
        return target;
    }
}
