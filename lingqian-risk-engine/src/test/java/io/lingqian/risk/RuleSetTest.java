package io.lingqian.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuleSetTest {

    @Test
    void parsesRulesWithActionsModesAndReasons() {
        RuleSet set = RuleSet.parse(3, """
                # velocity
                rule user-burst on PAYMENT, TRANSFER when user.count.1m > 5 then CHALLENGE reason "Many payments in a minute"
                rule big-new-payee when payee.new = 1 and amount >= 500000 and security.change.minutes < 1440 then DENY mode test
                rule over-daily when amount > limit.daily.left then DENY   # compares two features
                """);
        assertThat(set.version()).isEqualTo(3);
        assertThat(set.rules()).hasSize(3);
        Rule burst = set.rules().get(0);
        assertThat(burst.actions()).containsExactlyInAnyOrder(RiskAction.PAYMENT, RiskAction.TRANSFER);
        assertThat(burst.decision()).isEqualTo(RiskDecision.CHALLENGE);
        assertThat(burst.reason()).isEqualTo("Many payments in a minute");
        Rule big = set.rules().get(1);
        assertThat(big.mode()).isEqualTo(RuleMode.TEST);
        assertThat(big.actions()).contains(RiskAction.WITHDRAWAL).doesNotContain(RiskAction.CARD_BINDING);
        assertThat(big.conditions()).hasSize(3);
        assertThat(set.rules().get(2).conditions().get(0).toString()).isEqualTo("amount > limit.daily.left");
    }

    @Test
    void refusesWhatDoesNotParseNamingTheLine() {
        assertThatThrownBy(() -> RuleSet.parse(1, "rule a when user.count.1m > 5 then DENY\nrule b when nonsense > 1 then DENY"))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining("line 2").hasMessageContaining("nonsense");
        assertThatThrownBy(() -> RuleSet.parse(1, "rule a when amount >5 then DENY"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> RuleSet.parse(1, "rule a when amount > 5 then BLOCK"))
                .hasMessageContaining("unknown decision");
        assertThatThrownBy(() -> RuleSet.parse(1, "rule a when amount > 5 then DENY\nrule a when amount > 6 then DENY"))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> RuleSet.parse(1, "rule a on SHOPPING when amount > 5 then DENY"))
                .hasMessageContaining("unknown action");
        assertThatThrownBy(() -> RuleSet.parse(1, "rule a on CARD_BINDING when amount > 5 then DENY_AND_FREEZE"))
                .hasMessageContaining("money-moving");
        assertThatThrownBy(() -> RuleSet.parse(1, "rule a when amount > 5"))
                .hasMessageContaining("expected 'then'");
        assertThatThrownBy(() -> RuleSet.parse(1, "rule a when amount > 5 then DENY reason \"open"))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> RuleSet.parse(1, "rule A! when amount > 5 then DENY"))
                .hasMessageContaining("not a rule id");
    }

    @Test
    void everyDocumentedVelocityFeatureParses() {
        for (String subject : new String[] {"user", "device", "card", "merchant", "payee"}) {
            for (String kind : new String[] {"count", "amount"}) {
                for (String window : new String[] {"1m", "1h", "1d"}) {
                    assertThat(Feature.named(subject + "." + kind + "." + window)).isPresent();
                }
            }
            assertThat(Feature.named("blacklist." + subject)).isPresent();
        }
        assertThat(Feature.named("user.count.2m")).isEmpty();
    }
}
