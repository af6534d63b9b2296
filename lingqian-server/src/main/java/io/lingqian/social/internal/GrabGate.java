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
 * speed. Besides, a gate keeps the packet's facts that never change after sending (sender, audience,
 * expiry), so that the grabbers after the first do not read the packet's row again; who is a member
 * of the group is not among them and is asked of the database at every open.
 */
@Component
public class GrabGate {

    /** Above this many packets in memory, gates of packets past their expiry are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    /**
     * What never changes about a packet once sent.
     *
     * @param groupId    the group whose members may open it, or null
     * @param receiverId the one person who may open it, or null
     */
    public record Facts(long senderId, Long groupId, Long receiverId, Instant expiresAt) {
    }

    public static final class PacketGate {
        private final ReentrantLock queue = new ReentrantLock(true);
        private final Set<Long> opened = ConcurrentHashMap.newKeySet();
        private final Facts facts;
        private volatile boolean closed;

        PacketGate(Facts facts) {
            this.facts = facts;
        }

        public Facts facts() {
            return facts;
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

    public PacketGate of(long packetId, Facts facts, Instant now) {
        if (gates.size() > PRUNE_ABOVE) {
            gates.values().removeIf(g -> !g.facts.expiresAt().isAfter(now) && !g.queue.isLocked());
        }
        return gates.computeIfAbsent(packetId, id -> new PacketGate(facts));
    }

    /** Forgets an expired packet: the database answers for it from now on. */
    public void forget(long packetId) {
        gates.remove(packetId);
    }
}
