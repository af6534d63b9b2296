package io.lingqian.bench.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP scenarios of {@code lingqian-bench/bench.sh} against a running Lingqian server that was
 * started with {@code lingqian.bench.seeding=true}: the trivial-endpoint ceiling, the red packet grab
 * storm, merchant payments end to end and the trade bills. Prints one {@code result name=… value=…}
 * line per figure for {@link Report}.
 *
 * <pre>java -cp … io.lingqian.bench.http.HttpBench --base http://127.0.0.1:18480 [--smoke true]</pre>
 * Every size can be overridden: {@code --members 1000 --payers 200 --shares 100 --packets 20
 * --payment-seconds 60 --lanes 16 --merchants 20 --bills 100000,1000000 --ping-seconds 15 --ping-lanes 64
 * --storm-lanes 64} (the storm's opens in flight, the ping lanes by default), and
 * {@code --scenarios ping,storm,payments,bills} runs only those named (for work on one figure).
 */
public final class HttpBench {

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            // The notification receiver's and the HTTP client's threads would keep a failed run alive.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        boolean smoke = Boolean.parseBoolean(o.getOrDefault("smoke", "false"));
        String base = o.getOrDefault("base", "http://127.0.0.1:18480");
        int members = num(o, "members", smoke ? 20 : 1000);
        int payers = num(o, "payers", smoke ? 6 : 200);
        int shares = num(o, "shares", smoke ? 10 : 100);
        int packets = num(o, "packets", smoke ? 2 : 20);
        int merchants = num(o, "merchants", smoke ? 2 : 20);
        int lanes = num(o, "lanes", smoke ? 4 : 16);
        double paymentSeconds = num(o, "payment-seconds", smoke ? 5 : 60);
        int perPayer = num(o, "payments-per-payer", smoke ? 2 : 10);
        double pingSeconds = num(o, "ping-seconds", smoke ? 2 : 15);
        int pingLanes = num(o, "ping-lanes", smoke ? 8 : 64);
        // the storm's opens in flight: as many as the ceiling's by default, so that both are measured alike
        int stormLanes = num(o, "storm-lanes", pingLanes);
        List<Integer> bills = List.of(o.getOrDefault("bills", smoke ? "1000,10000" : "100000,1000000").split(","))
                .stream().map(Integer::parseInt).toList();

        Set<String> scenarios = Set.of(o.getOrDefault("scenarios", "ping,storm,payments,bills").split(","));

        Api api = new Api(base);

        if (scenarios.contains("ping")) {
            ClosedLoop.Result ping = ClosedLoop.run(pingLanes, smoke ? 1 : 5, pingSeconds,
                    () -> api.send(api.request("/ping").GET().build()).thenApply(r -> r.statusCode() == 200));
            System.out.printf("result name=anchor-http value=%.0f unit=req/s %s lanes=%d failed=%d%n", ping.perSecond(),
                    ping.latencies().percentiles(), pingLanes, ping.failed());
        }
        if (!scenarios.contains("storm") && !scenarios.contains("payments") && !scenarios.contains("bills")) {
            return;
        }

        long seedStart = System.nanoTime();
        Population people = Population.seed(api, payers, members - payers, merchants + bills.size(), 4);
        System.out.printf("info name=seeding payers=%d plain=%d merchants=%d seconds=%.1f%n", payers, members - payers,
                merchants + bills.size(), (System.nanoTime() - seedStart) / 1e9);
        Population payingShops = people.withMerchants(people.merchants.subList(0, merchants));

        if (scenarios.contains("storm")) {
            RedPacketStorm.Result storm = RedPacketStorm.run(api, people, packets, smoke ? 1 : 2, shares, stormLanes);
            System.out.printf("result name=redpacket-storm value=%.0f unit=grabs/s %s shares_per_s=%.0f members=%d "
                            + "shares=%d packets=%d lanes=%d opens=%d errors=%d overpayment_check=%s%n",
                    storm.opens() / storm.seconds(), storm.latencies().percentiles(), storm.shares() / storm.seconds(),
                    members, shares, packets, stormLanes, storm.opens(), storm.errors(), storm.check());
        }

        if (scenarios.contains("payments")) {
            MerchantPayments.Result pay = MerchantPayments.run(api, payingShops, lanes, paymentSeconds, perPayer);
            System.out.printf("result name=payments value=%.1f unit=payments/s %s completed=%d seconds=%.1f lanes=%d "
                            + "merchants=%d payers=%d refused=%d e2e_p50=%s e2e_p99=%s first_refusal=%s%n",
                    pay.completed() / pay.seconds(), pay.pay().percentiles(), pay.completed(), pay.seconds(), lanes,
                    merchants, payers, pay.refused(), part(pay.endToEnd().percentiles(), 0),
                    part(pay.endToEnd().percentiles(), 1), pay.firstRefusal().replaceAll("\\s+", "_"));
        }

        for (int i = 0; i < bills.size() && scenarios.contains("bills"); i++) {
            TradeBills.Result bill = TradeBills.run(api, people.merchants.get(merchants + i), bills.get(i));
            System.out.printf("result name=bill-%d value=%.1f unit=s heap_before_mb=%d heap_peak_mb=%d lines=%d "
                            + "bytes=%d seed_s=%.1f%n", bill.orders(), bill.seconds(), bill.heapBeforeBytes() >> 20,
                    bill.heapPeakBytes() >> 20, bill.lines(), bill.bytes(), bill.seedSeconds());
        }
    }

    private static String part(String percentiles, int index) {
        return percentiles.split(" ")[index].split("=")[1];
    }

    private static int num(Map<String, String> o, String name, int otherwise) {
        return o.containsKey(name) ? Integer.parseInt(o.get(name)) : otherwise;
    }
}
