package io.lingqian.wallet.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer token hash → what the database said about it, kept a short time in this instance's memory
 * so that a burst of calls with one token costs one lookup rather than one per call. It can only
 * answer "valid" for a token the database said was valid at most {@code ttl} ago and whose expiry has
 * not passed (by the injected clock); anything else is a miss that goes to the database.
 *
 * <p>Revocation on this instance takes effect at once: {@link #revoked} drops the entry, and a lookup
 * that read the database before the revocation committed cannot put its stale answer back (each
 * revocation moves an epoch; an answer read under an older epoch is not kept). A revocation on
 * another instance is seen here when the entry's time is up: that, at most {@code ttl}, is the
 * limit of a cache per instance. At most {@code maxEntries} are kept.
 *
 * @param <V> what a valid token stands for
 */
public final class TokenCache<V> {

    private record Entry<V>(V value, Instant until) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final Duration ttl;
    private final int maxEntries;

    public TokenCache(Duration ttl, int maxEntries) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    /** The epoch to pass to {@link #put}: read it before asking the database. */
    public long epoch() {
        return epoch.get();
    }

    /** The cached value, or null when there is none or its time (or the token's) is up. */
    public V get(String hash, Instant now) {
        Entry<V> entry = entries.get(hash);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.until())) {
            entries.remove(hash, entry);
            return null;
        }
        return entry.value();
    }

    /**
     * Keeps what the database said about a valid token, until {@code ttl} from now or the token's own
     * expiry, whichever is first; unless a revocation happened since {@code epochBefore}.
     */
    public void put(String hash, V value, Instant tokenExpiresAt, Instant now, long epochBefore) {
        if (ttl.isZero() || ttl.isNegative() || maxEntries <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        Instant until = now.plus(ttl);
        Entry<V> entry = new Entry<>(value, tokenExpiresAt.isBefore(until) ? tokenExpiresAt : until);
        // atomic with revoked()'s remove of the same key: either the epoch check sees the revocation,
        // or the remove comes after this put and takes the entry out again
        entries.compute(hash, (key, old) -> epoch.get() == epochBefore ? entry : old);
    }

    /** Call after the revocation is in the database: the token is refused from the next lookup on. */
    public void revoked(String hash) {
        epoch.incrementAndGet();
        entries.remove(hash);
    }

    public int size() {
        return entries.size();
    }
}
