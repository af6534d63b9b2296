package io.lingqian.social.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * The in-memory front of a hot packet (domain-rules.md §1.5): grabs are filtered here before the
 * database, and the opens of one packet queue here, one at a time per packet and instance, so that
 * hundreds of grabbers wait on a Java lock instead of each holding a pooled connection while blocked
 * on the packet's row lock. Nothing here is the truth: a packet marked sold out or a member marked
 * opened is only ever a fact the database already committed, and the database's row lock and
 * unique keys still decide every open. Losing this memory (a restart, another instance) only costs
 * speed.
 */
@Component
public class GrabGate {

    /** Above this many packets in memory, gates of packets past their expiry are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    public static final class PacketGate {
        private final ReentrantLock queue = new ReentrantLock(true);
        private final Set<Long> opened = ConcurrentHashMap.newKeySet();
        private final Instant expiresAt;
        private volatile boolean closed;

        PacketGate(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }

        /** Waits for this packet's turn: opens of one packet run one after the other. */
        public void enter() {
            queue.lock();
        }

        public void leave() {
            queue.unlock();
        }

        /** All taken or expired, as committed. */
        public boolean closed() {
            return closed;
        }

        public boolean openedBy(long userId) {
            return opened.contains(userId);
        }

        public void markOpened(long userId) {
            opened.add(userId);
        }

        public void close() {
            closed = true;
        }
    }

    private final Map<Long, PacketGate> gates = new ConcurrentHashMap<>();

    /** The gate of a packet already seen on this instance, or null. */
    public PacketGate peek(long packetId) {
        return gates.get(packetId);
    }

    public PacketGate of(long packetId, Instant expiresAt, Instant now) {
        if (gates.size() > PRUNE_ABOVE) {
            gates.values().removeIf(g -> !g.expiresAt.isAfter(now) && !g.queue.isLocked());
        }
        return gates.computeIfAbsent(packetId, id -> new PacketGate(expiresAt));
    }

    /** Forgets an expired packet: the database answers for it from now on. */
    public void forget(long packetId) {
        gates.remove(packetId);
    }
}
