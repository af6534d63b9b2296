package io.lingqian.social;

import java.time.Instant;

/**
 * One opened share of a red packet: who, how much, in which order and when, and whether the money
 * has reached their wallet yet (credits are posted in batches right after the open commits).
 */
public record Share(long packetId, long userId, String displayName, int position, long amountFen, Instant openedAt,
                    boolean credited, boolean bestLuck) {

    Share withBestLuck() {
        return new Share(packetId, userId, displayName, position, amountFen, openedAt, credited, true);
    }
}
