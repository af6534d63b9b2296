package io.lingqian.web.merchant;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.stats.Statistics;

/**
 * The merchant's own analytics: sales per day, customers and repeat customers, average ticket,
 * refunds and coupon use, from the statistics' summary tables. The merchant is always the signed-in
 * user's; no request parameter can name another.
 */
@Controller
class AnalyticsController {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    private final MerchantAccounts accounts;
    private final Statistics statistics;
    private final Clock clock;

    AnalyticsController(MerchantAccounts accounts, Statistics statistics, Clock clock) {
        this.accounts = accounts;
        this.statistics = statistics;
        this.clock = clock;
    }

    @GetMapping("/merchant/analytics")
    String page(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model) {
        LocalDate[] range;
        try {
            range = range(from, to);
        } catch (IllegalArgumentException bad) {
            model.addAttribute("rangeError", bad.getMessage());
            range = range(null, null);
        }
        model.addAttribute("analytics", statistics.merchant(merchantId(user), range[0], range[1]));
        return "merchant/analytics";
    }

    @GetMapping("/merchant/analytics.csv")
    ResponseEntity<String> csv(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        LocalDate[] range;
        try {
            range = range(from, to);
        } catch (IllegalArgumentException bad) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, bad.getMessage());
        }
        Statistics.MerchantAnalytics a = statistics.merchant(merchantId(user), range[0], range[1]);
        List<String> lines = new ArrayList<>();
        lines.add("day,payments,amount_cny,refunds,refund_cny,coupon_cny,customers");
        a.days().forEach(d -> lines.add(String.join(",", d.day().toString(), String.valueOf(d.payments()),
                yuan(d.amountFen()), String.valueOf(d.refunds()), yuan(d.refundFen()), yuan(d.couponFen()),
                String.valueOf(d.customers()))));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"analytics.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(String.join("\n", lines) + "\n");
    }

    private long merchantId(SignedInUser user) {
        return accounts.merchantOfPortalUser(user.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
    }

    private LocalDate[] range(String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(CST));
        try {
            LocalDate last = to == null || to.isBlank() ? today : LocalDate.parse(to.strip());
            LocalDate first = from == null || from.isBlank() ? last.minusDays(29) : LocalDate.parse(from.strip());
            if (last.isBefore(first) || first.plusDays(Statistics.MAX_DAYS).isBefore(last)) {
                throw new IllegalArgumentException("Choose a first day on or before the last, at most "
                        + Statistics.MAX_DAYS + " days apart.");
            }
            return new LocalDate[] {first, last};
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Dates are written yyyy-MM-dd.");
        }
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
