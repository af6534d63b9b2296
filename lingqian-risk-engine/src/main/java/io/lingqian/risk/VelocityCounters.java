package io.lingqian.risk;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts and sums per key ({@code user:42}, {@code device:…}) in three rings of time buckets: 12 of
 * 5 s (the minute), 60 of 1 min (the hour) and 24 of 1 h (the day). A window therefore covers the
 * current, partly filled bucket and the whole ones before it: a "minute" is 55 to 60 s, an "hour" 59
 * to 60 min, a "day" 23 to 24 h. About 2.3 KB per key; keys idle for a day are evicted.
 */
final class VelocityCounters {

    private static final long DAY_MILLIS = 86_400_000L;

    private final ConcurrentHashMap<String, Buckets> keys = new ConcurrentHashMap<>();

    void add(String key, long atMillis, long amountFen) {
        if (key == null) {
            return;
        }
        keys.computeIfAbsent(key, k -> new Buckets()).add(atMillis, amountFen);
    }

    long count(String key, Feature.Window window, long nowMillis) {
        Buckets b = key == null ? null : keys.get(key);
        return b == null ? 0 : b.ring(window).count(nowMillis);
    }

    long sum(String key, Feature.Window window, long nowMillis) {
        Buckets b = key == null ? null : keys.get(key);
        return b == null ? 0 : b.ring(window).sum(nowMillis);
    }

    int evictIdle(long nowMillis) {
        int before = keys.size();
        keys.values().removeIf(b -> b.lastMillis < nowMillis - DAY_MILLIS);
        return before - keys.size();
    }

    int size() {
        return keys.size();
    }

    private static final class Buckets {
        final Ring minute = new Ring(5_000, 12);
        final Ring hour = new Ring(60_000, 60);
        final Ring day = new Ring(3_600_000, 24);
        volatile long lastMillis;

        synchronized void add(long atMillis, long amountFen) {
            minute.add(atMillis, amountFen);
            hour.add(atMillis, amountFen);
            day.add(atMillis, amountFen);
            lastMillis = Math.max(lastMillis, atMillis);
        }

        Ring ring(Feature.Window window) {
            return switch (window) {
                case MINUTE -> minute;
                case HOUR -> hour;
                case DAY -> day;
            };
        }
    }

    private static final class Ring {
        final long unitMillis;
        final int n;
        final long[] stamp;
        final long[] count;
        final long[] sum;

        Ring(long unitMillis, int n) {
            this.unitMillis = unitMillis;
            this.n = n;
            this.stamp = new long[n];
            this.count = new long[n];
            this.sum = new long[n];
            java.util.Arrays.fill(stamp, Long.MIN_VALUE);
        }

        synchronized void add(long atMillis, long amountFen) {
            long unit = Math.floorDiv(atMillis, unitMillis);
            int i = (int) Math.floorMod(unit, (long) n);
            if (stamp[i] > unit) {
                // An older event than this slot holds (a late rebuild): it is outside this ring's window.
                return;
            }
            if (stamp[i] != unit) {
                stamp[i] = unit;
                count[i] = 0;
                sum[i] = 0;
            }
            count[i]++;
            sum[i] = Math.addExact(sum[i], amountFen);
        }

        synchronized long count(long nowMillis) {
            long unit = Math.floorDiv(nowMillis, unitMillis);
            long total = 0;
            for (int i = 0; i < n; i++) {
                if (stamp[i] > unit - n && stamp[i] <= unit) {
                    total += count[i];
                }
            }
            return total;
        }

        synchronized long sum(long nowMillis) {
            long unit = Math.floorDiv(nowMillis, unitMillis);
            long total = 0;
            for (int i = 0; i < n; i++) {
                if (stamp[i] > unit - n && stamp[i] <= unit) {
                    total += sum[i];
                }
            }
            return total;
        }
    }
}
