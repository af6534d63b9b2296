package io.lingqian.accounting.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code lingqian.ledger.*}.
 *
 * @param sweepInterval          how often expired holds are voided
 * @param invariantCheckInterval how often the full invariant check runs (a scan of the journal)
 */
@ConfigurationProperties("lingqian.ledger")
record LedgerProperties(@DefaultValue("5s") Duration sweepInterval,
                        @DefaultValue("15m") Duration invariantCheckInterval) {
}
