package io.lingqian.web.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.stats.Scene;
import io.lingqian.stats.Statistics;

/**
 * Feeds the admin home chart: the platform's volume and transaction count per day over the last two
 * weeks, today included, from the statistics summaries (every scene but corrections). The same
 * roles as the statistics dashboard.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
class AdminStatsController {

    static final int DAYS = 14;

    private final Statistics statistics;
    private final Clock clock;

    AdminStatsController(Statistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    record Series(String title, List<String> labels, List<Long> amountsFen, List<Long> counts, long todayFen,
                  long todayCount) {
    }

    @GetMapping("/admin/api/stats/home")
    Series home() {
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
        Statistics.Volume volume = statistics.volume(Statistics.Period.DAY, today.minusDays(DAYS - 1L), today);
        List<Long> amounts = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < volume.buckets().size(); i++) {
            long fen = 0;
            long count = 0;
            for (Statistics.SceneLine line : volume.scenes()) {
                if (!line.scene().equals(Scene.ADJUSTMENT.name())) {
                    fen += line.amountsFen().get(i);
                    count += line.counts().get(i);
                }
            }
            amounts.add(fen);
            counts.add(count);
        }
        int last = amounts.size() - 1;
        return new Series("Volume and transactions per day, last " + DAYS + " days", volume.buckets(), amounts,
                counts, last < 0 ? 0 : amounts.get(last), last < 0 ? 0 : counts.get(last));
    }
}
