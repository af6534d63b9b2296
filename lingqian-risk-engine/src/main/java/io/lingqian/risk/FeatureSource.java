package io.lingqian.risk;

import java.time.Instant;

/**
 * Facts the engine cannot keep in memory itself, asked for only when an installed rule uses them
 * (each may cost the server a query): when a device and an account were first seen, and what the
 * account-class and daily limits leave (domain-rules.md §4).
 */
public interface FeatureSource {

    /** The limit figures of the wallet's own limits (the law is enforced there; rules may read them). */
    record LimitFigures(int accountClass, long classLeftFen, long dailyLeftFen) {
    }

    /** When the user first used this device, or null if never. */
    Instant deviceFirstSeen(long userId, String deviceId);

    /** When the user's wallet was opened, or null if unknown. */
    Instant accountOpened(long userId);

    LimitFigures limits(long userId);

    /** A source that knows nothing: every device and account is as old as now, no limits left to read. */
    FeatureSource NONE = new FeatureSource() {
        @Override
        public Instant deviceFirstSeen(long userId, String deviceId) {
            return null;
        }

        @Override
        public Instant accountOpened(long userId) {
            return null;
        }

        @Override
        public LimitFigures limits(long userId) {
            return new LimitFigures(0, Long.MAX_VALUE, Long.MAX_VALUE);
        }
    };
}
