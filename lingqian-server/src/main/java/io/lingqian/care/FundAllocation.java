package io.lingqian.care;

import java.time.Instant;

/** Money moved from operator capital into the compensation fund, by whom. */
public record FundAllocation(String requestKey, long amountFen, String actor, Instant at) {
}
