package io.lingqian.stats;

import java.time.LocalDate;
import java.util.Map;

/**
 * Complaints per merchant, supplied by the context that records complaints. Optional: while no bean
 * implements it, the dashboard shows the complaint rate as unavailable rather than as zero.
 */
public interface ComplaintCounts {

    /** Complaints filed per merchant id in {@code [from, to]} (China Standard Time days). */
    Map<Long, Long> perMerchant(LocalDate from, LocalDate to);
}
