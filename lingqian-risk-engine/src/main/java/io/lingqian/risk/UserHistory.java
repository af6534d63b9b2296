package io.lingqian.risk;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the engine remembers of one user: the amounts of their last {@link #AMOUNTS} allowed money
 * movements, the counterparties they paid (at most {@link #PAYEES}, the oldest forgotten first), and
 * when their payment password or trusted device last changed.
 */
final class UserHistory {

    static final int AMOUNTS = 50;
    static final int PAYEES = 1000;

    private final long[] amounts = new long[AMOUNTS];
    private int size;
    private int next;
    private final Map<String, Boolean> payees = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > PAYEES;
        }
    };
    private long securityChangeMillis = Long.MIN_VALUE;
    volatile long lastMillis;

    synchronized void paid(long amountFen, String payeeKey, long atMillis) {
        if (amountFen > 0) {
            amounts[next] = amountFen;
            next = (next + 1) % AMOUNTS;
            size = Math.min(size + 1, AMOUNTS);
        }
        if (payeeKey != null) {
            payees.put(payeeKey, Boolean.TRUE);
        }
        lastMillis = Math.max(lastMillis, atMillis);
    }

    synchronized void securityChanged(long atMillis) {
        securityChangeMillis = Math.max(securityChangeMillis, atMillis);
        lastMillis = Math.max(lastMillis, atMillis);
    }

    synchronized boolean knows(String payeeKey) {
        return payeeKey != null && payees.containsKey(payeeKey);
    }

    synchronized int count() {
        return size;
    }

    /** The 95th percentile (nearest rank) of the retained amounts; 0 without any. */
    synchronized long p95() {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(amounts, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.95 * size);
        return sorted[Math.max(0, rank - 1)];
    }

    synchronized long securityChangeMillis() {
        return securityChangeMillis;
    }
}
