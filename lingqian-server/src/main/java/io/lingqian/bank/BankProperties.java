package io.lingqian.bank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lingqian.bank.*}: the simulated bank.
 *
 * @param smsCodeValidity   how long an SMS code is accepted (about 3 minutes in practice; policy)
 * @param smsCodeAttempts   wrong codes allowed per challenge before it is dead
 * @param exposeSmsCodes    sandbox mode: the wallet shows the "sent" SMS code so the flow can be completed
 * @param timeoutResolvesAfter how long after a timed-out operation the bank knows its outcome
 * @param slowCompletesAfter   how long a slow card's operation stays PROCESSING
 */
@ConfigurationProperties("lingqian.bank")
public record BankProperties(@DefaultValue("3m") Duration smsCodeValidity,
                             @DefaultValue("5") int smsCodeAttempts,
                             @DefaultValue("true") boolean exposeSmsCodes,
                             @DefaultValue("60s") Duration timeoutResolvesAfter,
                             @DefaultValue("30s") Duration slowCompletesAfter) {
}
