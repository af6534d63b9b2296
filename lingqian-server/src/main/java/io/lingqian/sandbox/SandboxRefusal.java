package io.lingqian.sandbox;

/** Why a sandbox control was refused; nothing changed. */
public class SandboxRefusal extends RuntimeException {

    public enum Reason {
        /** The merchant's sandbox controls are off (or the installation offers none). */
        OFF,
        /** A malformed or contradictory setting or rule. */
        INVALID,
        /** No such rule, order or refund of this merchant. */
        NOT_FOUND,
        /** The order or refund is not in a state the control applies to. */
        WRONG_STATE,
        /** This installation's clock cannot be moved by a merchant. */
        CLOCK_FIXED
    }

    private final Reason reason;

    public SandboxRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
