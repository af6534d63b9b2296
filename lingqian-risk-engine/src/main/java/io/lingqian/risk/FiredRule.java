package io.lingqian.risk;

/** A rule whose conditions all held for an event. */
public record FiredRule(String ruleId, RiskDecision decision, RuleMode mode, String reason) {

    @Override
    public String toString() {
        return ruleId + (mode == RuleMode.TEST ? " (test)" : "") + " → " + decision;
    }
}
