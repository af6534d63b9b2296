package io.lingqian.web.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets, one per key. Per instance: behind a load balancer each instance limits
 * on its own, so a client gets at most {@code instances × capacity} (docs/risk.md). Idle buckets are
 * dropped once full again, so memory follows the number of active clients.
 */
final class TokenBuckets {

    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 if taken, else the seconds until one is available
     */
    long take(String key, RateLimitProperties.Bucket limit) {
        long now = clock.millis();
        if (buckets.size() > 100_000) {
            buckets.values().removeIf(b -> b.fullAt(now, limit));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(limit.capacity(), now)).take(now, limit);
    }

    private static final class Bucket {
        private double tokens;
        private long updatedMillis;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedMillis = now;
        }

        synchronized long take(long now, RateLimitProperties.Bucket limit) {
            refill(now, limit);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 60.0 / limit.perMinute());
        }

        synchronized boolean fullAt(long now, RateLimitProperties.Bucket limit) {
            refill(now, limit);
            return tokens >= limit.capacity();
        }

        private void refill(long now, RateLimitProperties.Bucket limit) {
            long elapsed = Math.max(0, now - updatedMillis);
            tokens = Math.min(limit.capacity(), tokens + elapsed * limit.perMinute() / 60_000.0);
            updatedMillis = now;
        }
    }
}
