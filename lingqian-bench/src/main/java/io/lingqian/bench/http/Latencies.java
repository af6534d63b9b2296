package io.lingqian.bench.http;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies of one measured run, in nanoseconds, recorded from many threads; percentiles in ms. */
final class Latencies {

    private final long[] values;
    private final AtomicInteger count = new AtomicInteger();

    Latencies(int capacity) {
        values = new long[capacity];
    }

    void record(long nanos) {
        int i = count.getAndIncrement();
        if (i < values.length) {
            values[i] = nanos;
        }
    }

    int count() {
        return Math.min(count.get(), values.length);
    }

    /** "p50=… p99=… p999=…" in milliseconds, as the result lines carry them. */
    String percentiles() {
        long[] sorted = Arrays.copyOf(values, count());
        Arrays.sort(sorted);
        return "p50=" + ms(sorted, 0.50) + " p99=" + ms(sorted, 0.99) + " p999=" + ms(sorted, 0.999);
    }

    double p99() {
        long[] sorted = Arrays.copyOf(values, count());
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (0.99 * sorted.length))] / 1e6;
    }

    private static String ms(long[] sorted, double p) {
        if (sorted.length == 0) {
            return "nan";
        }
        return String.format("%.2f", sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6);
    }
}
