package io.lingqian.web.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Feeds the admin home chart. The numbers are a fixed placeholder series, labelled as such, until
 * the statistics context supplies real ones; the endpoint proves the JSON-to-ECharts path.
 */
@RestController
class AdminStatsController {

    private static final long[] PLACEHOLDER_VALUES = {120, 200, 150, 80, 70, 110, 130};

    private final Clock clock;

    AdminStatsController(Clock clock) {
        this.clock = clock;
    }

    record Series(String title, boolean placeholder, List<String> labels, List<Long> values) {
    }

    @GetMapping("/admin/api/stats/placeholder")
    Series placeholder() {
        LocalDate today = LocalDate.now(clock);
        int days = PLACEHOLDER_VALUES.length;
        List<String> labels = IntStream.range(0, days)
                .mapToObj(i -> today.minusDays(days - 1 - i).toString())
                .toList();
        List<Long> values = java.util.Arrays.stream(PLACEHOLDER_VALUES).boxed().toList();
        return new Series("Placeholder: sample data, not real payments", true, labels, values);
    }
}
