package io.lingqian.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.lingqian.stats.internal.StatsStore;

/**
 * The figures of the dashboard and of the merchants' analytics, read from the summary tables only
 * (folded by {@link StatsRollup}). Days are China Standard Time days, ranges inclusive.
 */
@Service
public class Statistics {

    /** Longest range one request may ask for, so a page never reads years of seconds. */
    public static final int MAX_DAYS = 366 * 3;

    public enum Period {
        DAY, MONTH, QUARTER;

        String bucket(LocalDate day) {
            return switch (this) {
                case DAY -> day.toString();
                case MONTH -> day.getYear() + "-" + String.format("%02d", day.getMonthValue());
                case QUARTER -> day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
            };
        }
    }

    /** Count and amount of one scene per period bucket. */
    public record SceneLine(String scene, String label, List<Long> counts, List<Long> amountsFen) {
    }

    public record Volume(Period period, List<String> buckets, List<SceneLine> scenes) {
    }

    public record Share(String name, String label, long count, long amountFen) {
    }

    /** A merchant's payments in a range; rates are null where there is nothing to divide by. */
    public record MerchantFigures(long merchantId, String name, String category, long payments, long amountFen,
                                  long feeFen, long refunds, long refundFen, Double refundRate, Long complaints,
                                  Double complaintRate) {
    }

    public record UsersDay(LocalDate day, String accountClass, long registered, long verified, long withCard,
                           long active) {
    }

    public record RedPacketHour(LocalDate day, int hour, long sent, long opened, long sentFen, long openedFen,
                                long peakSentPerSecond, long peakOpenedPerSecond) {
    }

    public record Flow(String flow, String party, long count, long amountFen) {
    }

    public record MoneyFlows(List<Flow> totals, List<String> days, List<Long> feeIncomeFen,
                             List<Long> couponFen, List<Long> compensationFen) {
    }

    public record MerchantDay(LocalDate day, long payments, long amountFen, long refunds, long refundFen,
                              long couponFen, long customers) {
    }

    public record MerchantAnalytics(long merchantId, LocalDate from, LocalDate to, List<MerchantDay> days,
                                    long payments, long amountFen, long refunds, long refundFen, long couponFen,
                                    long customers, long repeatCustomers, Double repeatRate,
                                    Long averageTicketFen) {
    }

    private final StatsStore store;
    private final ObjectProvider<ComplaintCounts> complaints;

    Statistics(StatsStore store, ObjectProvider<ComplaintCounts> complaints) {
        this.store = store;
        this.complaints = complaints;
    }

    /** Transactions (count and volume) per scene and period bucket; volumes net of nothing (refunds apart). */
    public Volume volume(Period period, LocalDate from, LocalDate to) {
        checkRange(from, to);
        TreeSet<String> buckets = new TreeSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            buckets.add(period.bucket(d));
        }
        List<String> labels = new ArrayList<>(buckets);
        Map<Scene, long[][]> byScene = new LinkedHashMap<>();
        for (Scene s : Scene.values()) {
            byScene.put(s, new long[2][labels.size()]);
        }
        for (StatsStore.SceneRow r : store.scenes(from, to, null)) {
            int i = labels.indexOf(period.bucket(r.day()));
            long[][] v = byScene.get(Scene.valueOf(r.scene()));
            v[0][i] += r.count();
            v[1][i] += r.fen();
        }
        List<SceneLine> lines = new ArrayList<>();
        byScene.forEach((scene, v) -> lines.add(new SceneLine(scene.name(), scene.label(),
                java.util.Arrays.stream(v[0]).boxed().toList(), java.util.Arrays.stream(v[1]).boxed().toList())));
        return new Volume(period, labels, lines);
    }

    public List<Share> shareByScene(LocalDate from, LocalDate to) {
        checkRange(from, to);
        Map<Scene, long[]> totals = new LinkedHashMap<>();
        for (StatsStore.SceneRow r : store.scenes(from, to, null)) {
            long[] v = totals.computeIfAbsent(Scene.valueOf(r.scene()), k -> new long[2]);
            v[0] += r.count();
            v[1] += r.fen();
        }
        return totals.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Share(e.getKey().name(), e.getKey().label(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** Merchant payments only, by the merchant's category. */
    public List<Share> shareByCategory(LocalDate from, LocalDate to) {
        checkRange(from, to);
        Map<String, long[]> totals = new TreeMap<>();
        for (StatsStore.SceneRow r : store.scenes(from, to, null)) {
            if (r.merchantId() == 0) {
                continue;
            }
            long[] v = totals.computeIfAbsent(r.category(), k -> new long[2]);
            v[0] += r.count();
            v[1] += r.fen();
        }
        return totals.entrySet().stream()
                .map(e -> new Share(e.getKey(), categoryLabel(e.getKey()), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The merchants with the largest volume in the range, with refund and complaint rates. */
    public List<MerchantFigures> topMerchants(LocalDate from, LocalDate to, int limit) {
        checkRange(from, to);
        Map<Long, long[]> totals = new HashMap<>();
        Map<Long, String> categories = new HashMap<>();
        for (StatsStore.SceneRow r : store.scenes(from, to, null)) {
            if (r.merchantId() == 0) {
                continue;
            }
            long[] v = totals.computeIfAbsent(r.merchantId(), k -> new long[5]);
            v[0] += r.count();
            v[1] += r.fen();
            v[2] += r.fee();
            v[3] += r.refundCount();
            v[4] += r.refundFen();
            categories.put(r.merchantId(), r.category());
        }
        List<Long> top = totals.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Long, long[]> e) -> -e.getValue()[1])
                        .thenComparing(Map.Entry::getKey))
                .limit(Math.max(1, Math.min(100, limit))).map(Map.Entry::getKey).toList();
        Map<Long, String> names = store.merchantNames(top);
        ComplaintCounts counts = complaints.getIfAvailable();
        Map<Long, Long> filed = counts == null ? null : counts.perMerchant(from, to);
        return top.stream().map(id -> {
            long[] v = totals.get(id);
            Long complaintsFiled = filed == null ? null : filed.getOrDefault(id, 0L);
            return new MerchantFigures(id, names.getOrDefault(id, "merchant " + id), categories.get(id), v[0], v[1],
                    v[2], v[3], v[4], v[1] == 0 ? null : (double) v[4] / v[1], complaintsFiled,
                    complaintsFiled == null || v[0] == 0 ? null : (double) complaintsFiled / v[0]);
        }).toList();
    }

    /** Whether complaint counts are available (the complaints context supplies them). */
    public boolean complaintsAvailable() {
        return complaints.getIfAvailable() != null;
    }

    /** The users' daily snapshots, by account class. */
    public List<UsersDay> users(LocalDate from, LocalDate to) {
        checkRange(from, to);
        return store.users(from, to).stream().map(u -> new UsersDay(u.day(), u.accountClass(), u.registered(),
                u.verified(), u.withCard(), u.active())).toList();
    }

    /** Wallets with a posted movement on the day (live, also for a day not yet rolled up). */
    public long activeUsers(LocalDate day) {
        return store.activeUsers(day);
    }

    public List<RedPacketHour> redPackets(LocalDate from, LocalDate to) {
        checkRange(from, to);
        return store.redPacketHours(from, to).stream().map(h -> new RedPacketHour(h.day(), h.hour(), h.sent(),
                h.opened(), h.sentFen(), h.openedFen(), h.peakSentPerSecond(), h.peakOpenedPerSecond())).toList();
    }

    /** Fee income by kind, coupon spending by funder and compensation paid, with daily series. */
    public MoneyFlows money(LocalDate from, LocalDate to) {
        checkRange(from, to);
        Map<String, Flow> totals = new TreeMap<>();
        List<String> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d.toString());
        }
        long[] fee = new long[days.size()];
        long[] coupon = new long[days.size()];
        long[] compensation = new long[days.size()];
        for (StatsStore.FlowRow r : store.flows(from, to)) {
            totals.merge(r.flow() + "/" + r.party(), new Flow(r.flow(), r.party(), r.count(), r.fen()),
                    (a, b) -> new Flow(a.flow(), a.party(), a.count() + b.count(), a.amountFen() + b.amountFen()));
            int i = days.indexOf(r.day().toString());
            switch (r.flow()) {
                case "FEE_INCOME" -> fee[i] += r.fen();
                case "COUPON" -> coupon[i] += r.fen();
                case "COMPENSATION" -> compensation[i] += r.fen();
                default -> {
                    // no other flow is folded
                }
            }
        }
        return new MoneyFlows(List.copyOf(totals.values()), days, java.util.Arrays.stream(fee).boxed().toList(),
                java.util.Arrays.stream(coupon).boxed().toList(), java.util.Arrays.stream(compensation).boxed().toList());
    }

    /** One merchant's sales, customers, repeat customers, average ticket, refunds and coupon use. */
    public MerchantAnalytics merchant(long merchantId, LocalDate from, LocalDate to) {
        checkRange(from, to);
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            perDay.put(d, new long[6]);
        }
        for (StatsStore.SceneRow r : store.scenes(from, to, merchantId)) {
            long[] v = perDay.get(r.day());
            v[0] += r.count();
            v[1] += r.fen();
            v[2] += r.refundCount();
            v[3] += r.refundFen();
            v[4] += r.couponFen();
        }
        Map<Long, Long> paymentsPerCustomer = new HashMap<>();
        for (StatsStore.CustomerRow c : store.customers(merchantId, from, to)) {
            perDay.get(c.day())[5]++;
            paymentsPerCustomer.merge(c.userId(), c.payments(), Long::sum);
        }
        long[] sum = new long[5];
        List<MerchantDay> days = new ArrayList<>();
        perDay.forEach((day, v) -> {
            days.add(new MerchantDay(day, v[0], v[1], v[2], v[3], v[4], v[5]));
            for (int i = 0; i < 5; i++) {
                sum[i] += v[i];
            }
        });
        long customers = paymentsPerCustomer.size();
        long repeat = paymentsPerCustomer.values().stream().filter(n -> n >= 2).count();
        return new MerchantAnalytics(merchantId, from, to, days, sum[0], sum[1], sum[2], sum[3], sum[4], customers,
                repeat, customers == 0 ? null : (double) repeat / customers,
                sum[0] == 0 ? null : Math.round((double) sum[1] / sum[0]));
    }

    private static String categoryLabel(String category) {
        try {
            return io.lingqian.merchant.MerchantCategory.valueOf(category).displayName();
        } catch (IllegalArgumentException unknown) {
            return category;
        }
    }

    static void checkRange(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("a range needs a first day on or before its last day");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a range is at most " + MAX_DAYS + " days");
        }
    }
}
