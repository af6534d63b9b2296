package io.lingqian.web.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.stats.Statistics;

/**
 * The statistics dashboard for ADMIN and FINANCE: the page, the JSON behind each chart, and the same
 * figures as CSV. Everything is read from the summary tables (see docs/operations.md).
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
class StatisticsController {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    private final Statistics statistics;
    private final Clock clock;

    StatisticsController(Statistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    record Range(LocalDate from, LocalDate to) {
    }

    @GetMapping("/admin/api/stats/volume")
    Statistics.Volume volume(@RequestParam(defaultValue = "DAY") String period, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Range r = range(from, to);
        return statistics.volume(period(period), r.from(), r.to());
    }

    @GetMapping("/admin/api/stats/volume.csv")
    ResponseEntity<String> volumeCsv(@RequestParam(defaultValue = "DAY") String period,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Statistics.Volume v = volume(period, from, to);
        List<List<Object>> rows = new ArrayList<>();
        for (Statistics.SceneLine line : v.scenes()) {
            for (int i = 0; i < v.buckets().size(); i++) {
                rows.add(List.of(v.buckets().get(i), line.scene(), line.counts().get(i), yuan(line.amountsFen().get(i))));
            }
        }
        return csv("volume", List.of("period", "scene", "count", "amount_cny"), rows);
    }

    record Shares(List<Statistics.Share> scenes, List<Statistics.Share> categories) {
    }

    @GetMapping("/admin/api/stats/shares")
    Shares shares(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Range r = range(from, to);
        return new Shares(statistics.shareByScene(r.from(), r.to()), statistics.shareByCategory(r.from(), r.to()));
    }

    @GetMapping("/admin/api/stats/shares.csv")
    ResponseEntity<String> sharesCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Shares s = shares(from, to);
        List<List<Object>> rows = new ArrayList<>();
        s.scenes().forEach(x -> rows.add(List.of("scene", x.name(), x.count(), yuan(x.amountFen()))));
        s.categories().forEach(x -> rows.add(List.of("category", x.name(), x.count(), yuan(x.amountFen()))));
        return csv("shares", List.of("by", "name", "count", "amount_cny"), rows);
    }

    record Users(List<Statistics.UsersDay> days) {
    }

    @GetMapping("/admin/api/stats/users")
    Users users(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Range r = range(from, to);
        return new Users(statistics.users(r.from(), r.to()));
    }

    @GetMapping("/admin/api/stats/users.csv")
    ResponseEntity<String> usersCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        List<List<Object>> rows = new ArrayList<>();
        users(from, to).days().forEach(u -> rows.add(List.of(u.day(), u.accountClass(), u.registered(), u.verified(),
                u.withCard(), u.active())));
        return csv("users", List.of("day", "account_class", "registered", "verified", "with_card", "active"), rows);
    }

    record RedPackets(List<Statistics.RedPacketHour> hours, long peakSentPerSecond, long peakOpenedPerSecond) {
    }

    @GetMapping("/admin/api/stats/red-packets")
    RedPackets redPackets(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Range r = range(from, to);
        List<Statistics.RedPacketHour> hours = statistics.redPackets(r.from(), r.to());
        return new RedPackets(hours, hours.stream().mapToLong(Statistics.RedPacketHour::peakSentPerSecond).max().orElse(0),
                hours.stream().mapToLong(Statistics.RedPacketHour::peakOpenedPerSecond).max().orElse(0));
    }

    @GetMapping("/admin/api/stats/red-packets.csv")
    ResponseEntity<String> redPacketsCsv(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        List<List<Object>> rows = new ArrayList<>();
        redPackets(from, to).hours().forEach(h -> rows.add(List.of(h.day(), h.hour(), h.sent(), h.opened(),
                yuan(h.sentFen()), yuan(h.openedFen()), h.peakSentPerSecond(), h.peakOpenedPerSecond())));
        return csv("red-packets", List.of("day", "hour", "sent", "opened", "sent_cny", "opened_cny",
                "peak_sent_per_second", "peak_opened_per_second"), rows);
    }

    @GetMapping("/admin/api/stats/merchants")
    List<Statistics.MerchantFigures> merchants(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "10") int limit) {
        Range r = range(from, to);
        return statistics.topMerchants(r.from(), r.to(), limit);
    }

    @GetMapping("/admin/api/stats/merchants.csv")
    ResponseEntity<String> merchantsCsv(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "10") int limit) {
        List<List<Object>> rows = new ArrayList<>();
        merchants(from, to, limit).forEach(m -> rows.add(List.of(m.merchantId(), m.name(), String.valueOf(m.category()),
                m.payments(), yuan(m.amountFen()), yuan(m.feeFen()), m.refunds(), yuan(m.refundFen()),
                rate(m.refundRate()), m.complaints() == null ? "" : m.complaints(), rate(m.complaintRate()))));
        return csv("merchants", List.of("merchant_id", "name", "category", "payments", "amount_cny", "fee_cny",
                "refunds", "refund_cny", "refund_rate", "complaints", "complaint_rate"), rows);
    }

    @GetMapping("/admin/api/stats/money")
    Statistics.MoneyFlows money(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Range r = range(from, to);
        return statistics.money(r.from(), r.to());
    }

    @GetMapping("/admin/api/stats/money.csv")
    ResponseEntity<String> moneyCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        List<List<Object>> rows = new ArrayList<>();
        money(from, to).totals().forEach(f -> rows.add(List.of(f.flow(), f.party(), f.count(), yuan(f.amountFen()))));
        return csv("money", List.of("flow", "party", "count", "amount_cny"), rows);
    }

    @GetMapping("/admin/api/stats/reference")
    Map<String, Object> reference() {
        return Map.of("external", true, "note",
                "Public industry figures about WeChat Pay and the market (domain-rules.md §9), not Lingqian's data.",
                "figures", IndustryFigures.ALL);
    }

    Range range(String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(CST));
        try {
            LocalDate last = to == null || to.isBlank() ? today : LocalDate.parse(to.strip());
            LocalDate first = from == null || from.isBlank() ? last.minusDays(29) : LocalDate.parse(from.strip());
            if (last.isBefore(first)) {
                throw bad("'from' must be on or before 'to'");
            }
            if (first.plusDays(Statistics.MAX_DAYS).isBefore(last)) {
                throw bad("a range is at most " + Statistics.MAX_DAYS + " days");
            }
            return new Range(first, last);
        } catch (DateTimeParseException e) {
            throw bad("dates are written yyyy-MM-dd");
        }
    }

    private static Statistics.Period period(String period) {
        try {
            return Statistics.Period.valueOf(period.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw bad("period is DAY, MONTH or QUARTER");
        }
    }

    private static ApiProblemException bad(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.BAD_REQUEST, detail);
    }

    static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static String rate(Double rate) {
        return rate == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", rate);
    }

    static ResponseEntity<String> csv(String name, List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (List<Object> row : rows) {
            out.append(String.join(",", row.stream().map(v -> cell(String.valueOf(v))).toList())).append('\n');
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(out.toString());
    }

    private static String cell(String value) {
        // quote what a spreadsheet would split or evaluate (a leading = + - @ starts a formula)
        boolean formula = !value.isEmpty() && "=+@".indexOf(value.charAt(0)) >= 0;
        if (formula || value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + (formula ? "'" : "") + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
