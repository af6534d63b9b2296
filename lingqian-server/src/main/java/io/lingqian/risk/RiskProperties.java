package io.lingqian.risk;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lingqian.risk.*}.
 *
 * @param pollInterval        how often an instance looks for new rule versions, blacklist entries, merchant
 *                            summaries and other instances' events
 * @param historyDays         how many days of stored events rebuild the memory on start (velocity needs
 *                            one; the users' amounts and payees use all)
 * @param codeValidity        how long an SMS code of a challenge, emergency freeze or unfreeze request lasts
 * @param codeAttempts        wrong codes before the verification fails
 * @param exposeSmsCodes      sandbox: answer the SMS code in the API and show it in the console
 * @param identityAttemptsPerDay failed identity checks of an emergency freeze per mobile number per day
 */
@ConfigurationProperties("lingqian.risk")
public record RiskProperties(@DefaultValue("2s") Duration pollInterval, @DefaultValue("30") int historyDays,
                             @DefaultValue("5m") Duration codeValidity, @DefaultValue("5") int codeAttempts,
                             @DefaultValue("true") boolean exposeSmsCodes,
                             @DefaultValue("5") int identityAttemptsPerDay) {
}
