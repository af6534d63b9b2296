package io.lingqian.bench.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the {@code result name=… value=…} lines of one bench run into the table of
 * docs/performance.md: each figure, the anchor it is divided by, the ratio, latency percentiles
 * and the goal. A figure that is missing (its step failed) is shown as missing, not left out.
 *
 * <pre>java -cp … io.lingqian.bench.http.Report results.txt [--smoke true]</pre>
 */
public final class Report {

    private final Map<String, Map<String, String>> results = new LinkedHashMap<>();
    private final boolean smoke;
    private final List<String> rows = new ArrayList<>();

    private Report(List<String> lines, boolean smoke) {
        this.smoke = smoke;
        for (String line : lines) {
            if (line.startsWith("result ")) {
                Map<String, String> fields = new HashMap<>();
                for (String token : line.substring(7).trim().split("\\s+")) {
                    int eq = token.indexOf('=');
                    if (eq > 0) {
                        fields.put(token.substring(0, eq), token.substring(eq + 1));
                    }
                }
                results.put(fields.get("name"), fields);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = args.length > 2 && Boolean.parseBoolean(args[2]);
        Report report = new Report(Files.readAllLines(Path.of(args[0])), smoke);
        report.build();
        System.out.println("| scenario | figure | anchor (same run) | ours ÷ anchor | p50 / p99 / p99.9 ms | goal | met |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        report.rows.forEach(System.out::println);
    }

    private void build() {
        double tpcb = value("anchor-tpcb");
        double http = value("anchor-http");
        double signing = value("anchor-signing");
        anchor("anchor-tpcb", "**anchor:** pgbench TPC-B (tpcb-like), 32 clients, same PostgreSQL", "tx/s");
        anchor("anchor-http", "**anchor:** `GET /ping` on the same server, same load generator, 64 in flight", "req/s");
        anchor("anchor-signing", "**anchor:** SHA256withRSA-2048 signatures, one thread per core", "signatures/s");
        ratio("ledger-random", "ledger: 16 callers posting batches of 100 between random accounts through one group commit", "transfers/s",
                tpcb, "TPC-B", 10, "≥ 10× TPC-B", null);
        ratio("ledger-hot", "ledger: the same, half the transfers to one hot account", "transfers/s",
                tpcb, "TPC-B", 10, "≥ 10× TPC-B", null);
        Map<String, String> storm = results.get("redpacket-storm");
        ratio("redpacket-storm", storm == null ? "red packet grab storm" : "red packet grab storm: " + storm.get("members")
                        + " members open each " + storm.get("shares") + "-share packet, "
                        + storm.getOrDefault("lanes", "all") + " in flight, " + storm.get("packets")
                        + " packets (" + storm.get("shares_per_s") + " shares/s; overpayment check: "
                        + storm.get("overpayment_check") + ")", "opens/s", http, "HTTP ceiling", 0.5,
                "≥ 0.5× ceiling, p99 < 50 ms, no overpayment", r -> p99(r) < 50 && "ok".equals(r.get("overpayment_check")));
        Map<String, String> pay = results.get("payments");
        double paymentCeiling = signing / 2;
        ratio("payments", pay == null ? "merchant payments end to end" : "merchant payments end to end: Native order → "
                        + "scan → pay from balance → notification delivered; " + pay.get("merchants") + " merchants, "
                        + pay.get("payers") + " payers, " + pay.get("lanes") + " in flight (latency: the pay call; "
                        + "order to notification p50 " + pay.get("e2e_p50") + " / p99 " + pay.get("e2e_p99") + " ms)",
                "payments/s", paymentCeiling, "signing ÷ 2", 0.7, "≥ 0.7× (signing ÷ 2), pay p99 < 100 ms",
                r -> p99(r) < 100);
        if (results.keySet().stream().noneMatch(n -> n.startsWith("bill-"))) {
            rows.add("| trade bills | missing | – | – | – | < 30 s, memory flat | – |");
        }
        results.keySet().stream().filter(n -> n.startsWith("bill-")).forEach(this::bill);
        Map<String, String> first = results.get("startup-first");
        Map<String, String> again = results.get("startup-restart");
        rows.add(String.format("| start-up: the README's run command, built (the exploded class path, Boot's extracted jar) on the "
                        + "embedded H2 to a healthy /actuator/health; first start (creates the database; the demo is seeded "
                        + "after) / restart | %s / %s s "
                        + "| – | – | – | < 10 s | %s |", first == null ? "missing" : first.get("value"),
                again == null ? "missing" : again.get("value"),
                judge(first != null && Double.parseDouble(first.get("value")) < 10
                        && (again == null || Double.parseDouble(again.get("value")) < 10))));
    }

    private void anchor(String name, String label, String unit) {
        Map<String, String> r = results.get(name);
        rows.add(String.format("| %s | %s | – | 1.00 | %s | – | – |", label,
                r == null ? "missing" : thousands(r.get("value")) + " " + unit, latency(r)));
    }

    private void ratio(String name, String label, String unit, double anchor, String anchorName, double goal,
            String goalText, java.util.function.Predicate<Map<String, String>> alsoNeeded) {
        Map<String, String> r = results.get(name);
        if (r == null) {
            rows.add(String.format("| %s | missing | %s | – | – | %s | – |", label, anchorName, goalText));
            return;
        }
        double ratio = Double.parseDouble(r.get("value")) / anchor;
        boolean met = ratio >= goal && (alsoNeeded == null || alsoNeeded.test(r));
        rows.add(String.format("| %s | %s %s | %s %s | %.2f | %s | %s | %s |", label, thousands(r.get("value")), unit,
                anchorName, thousands(String.valueOf(anchor)), ratio, latency(r), goalText, judge(met)));
    }

    private void bill(String name) {
        Map<String, String> r = results.get(name);
        double seconds = Double.parseDouble(r.get("value"));
        rows.add(String.format("| trade bill of a day of %s orders, streamed (server heap in use before → peak: "
                        + "%s → %s MiB; %s lines) | %s s | – | – | – | < 30 s, memory flat | %s |",
                thousands(name.substring(5)), r.get("heap_before_mb"), r.get("heap_peak_mb"), thousands(r.get("lines")),
                r.get("value"), judge(seconds < 30)));
    }

    private String judge(boolean met) {
        return smoke ? "(smoke: not judged)" : met ? "**met**" : "missed";
    }

    private double value(String name) {
        Map<String, String> r = results.get(name);
        return r == null ? Double.NaN : Double.parseDouble(r.get("value"));
    }

    private static double p99(Map<String, String> r) {
        return r.get("p99") == null ? Double.NaN : Double.parseDouble(r.get("p99"));
    }

    private static String latency(Map<String, String> r) {
        if (r == null || r.get("p50") == null) {
            return "–";
        }
        return r.get("p50") + " / " + r.get("p99") + " / " + r.get("p999");
    }

    private static String thousands(String number) {
        double v = Double.parseDouble(number);
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }
}
