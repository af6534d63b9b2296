package io.lingqian.bench.http;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The trade bill of a day of {@code orders} paid orders: the day is inserted through the bench-only
 * seeding (not timed), then the merchant applies for the bill ({@code GET /v3/bill/tradebill}, which
 * generates it) and downloads it ({@code GET /v3/billdownload/file}), both signed like the SDK does;
 * the time is from the application to the last byte. Meanwhile the server's heap in use is read every
 * 100 ms from {@code /actuator/prometheus} ({@code jvm_memory_used_bytes{area="heap"}}); the peak is
 * reported next to the heap in use just before.
 */
final class TradeBills {

    record Result(int orders, double seconds, long lines, long bytes, long heapBeforeBytes, long heapPeakBytes,
                  double seedSeconds) {
    }

    private TradeBills() {
    }

    static Result run(Api api, Population.Merchant merchant, int orders) throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        long seedStart = System.nanoTime();
        api.post("/bench/seed/paid-orders", null, Map.of("mchid", merchant.mchid(), "day", day.toString(), "count", orders));
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        V3Signer signer = new V3Signer(merchant);
        long heapBefore = heapUsed(api);
        AtomicLong peak = new AtomicLong(heapBefore);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(heapUsed(api), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        String apply = "/v3/bill/tradebill?bill_date=" + day + "&bill_type=ALL";
        String downloadUrl = Api.ok(api.call(api.request(apply).header("Accept", "application/json")
                .header("Authorization", signer.authorization("GET", apply, "")).GET().build()), "tradebill")
                .get("download_url").asString();
        URI u = URI.create(downloadUrl);
        String file = u.getRawPath() + "?" + u.getRawQuery();
        HttpResponse<InputStream> download = api.stream(api.request(file)
                .header("Authorization", signer.authorization("GET", file, "")).GET().build());
        if (download.statusCode() != 200) {
            throw new IllegalStateException("bill download answered " + download.statusCode());
        }
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[65_536];
        try (InputStream in = download.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampling.set(false);
        sampler.join();
        return new Result(orders, seconds, lines, bytes, heapBefore, peak.get(), seedSeconds);
    }

    /** Heap in use, summed over the heap's memory pools, from the Prometheus scrape. */
    static long heapUsed(Api api) {
        String text = api.call(api.request("/actuator/prometheus").GET().build()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }
}
