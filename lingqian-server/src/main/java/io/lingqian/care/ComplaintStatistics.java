package io.lingqian.care;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.lingqian.care.internal.ComplaintStore;
import io.lingqian.stats.ComplaintCounts;

/** Supplies the dashboard's complaint counts: complaints made per merchant on China Standard Time days. */
@Component
class ComplaintStatistics implements ComplaintCounts {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ComplaintStore store;

    ComplaintStatistics(ComplaintStore store) {
        this.store = store;
    }

    @Override
    public Map<Long, Long> perMerchant(LocalDate from, LocalDate to) {
        return store.countPerMerchant(from.atStartOfDay(CHINA).toInstant(),
                to.plusDays(1).atStartOfDay(CHINA).toInstant());
    }
}
