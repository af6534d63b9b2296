package io.lingqian.risk;

import java.util.List;

/**
 * The engine's answer for one event.
 *
 * @param decision   the strongest decision of the enforced rules that fired (ALLOW if none)
 * @param fired      the enforced rules that fired
 * @param testFired  rules in test mode that fired: logged, never acted on
 * @param rulesVersion the version of the rule set that decided
 */
public record RiskAssessment(RiskDecision decision, List<FiredRule> fired, List<FiredRule> testFired,
                             long rulesVersion) {

    public RiskAssessment {
        fired = List.copyOf(fired);
        testFired = List.copyOf(testFired);
    }

    /** The reasons of the enforced rules, for people. */
    public String reasons() {
        return String.join("; ", fired.stream().map(FiredRule::reason).toList());
    }
}
