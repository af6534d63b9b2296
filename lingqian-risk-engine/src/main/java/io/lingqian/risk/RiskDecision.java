package io.lingqian.risk;

/**
 * What the engine answers, from mildest to strongest. When several rules fire the strongest wins.
 */
public enum RiskDecision {
    /** Go ahead. */
    ALLOW,
    /** Go ahead only after extra verification (an SMS code). */
    CHALLENGE,
    /** Refuse; a case is opened for staff. */
    DENY,
    /** Refuse and freeze the wallet at once; a case is opened for staff. */
    DENY_AND_FREEZE;

    public RiskDecision strongest(RiskDecision other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
