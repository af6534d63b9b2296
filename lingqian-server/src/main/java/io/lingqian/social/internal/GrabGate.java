package io.lingqian.social.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * The in-memory front of a hot packet (domain-rules.md §1.5): grabs are filtered here before the
 * database, and the opens of one packet queue here, per packet and instance, so that hundreds of
 * grabbers wait on a Java lock instead of each holding a pooled connection while blocked on the
 * packet's row lock. Whoever gets the lock decides every open waiting at that moment in one
 * transaction ({@link Ticket}), so that the winners of a storm share commits. Nothing here is the truth: a packet marked sold out or a member marked
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
     * @param lucky      whether its shares are drawn (and one of them is the best luck)
     */
    public record Facts(long senderId, Long groupId, Long receiverId, boolean lucky, Instant expiresAt) {
    }

    /**
     * One open waiting in a packet's queue. Whoever holds the queue's lock decides every open waiting
     * at that moment in one transaction (see {@code RedPackets.open}); the others then find theirs
     * decided. Its fields are written and read under the queue's lock only.
     */
    public static final class Ticket {
        private final long userId;
        private boolean decided;
        private RuntimeException refusal;

        Ticket(long userId) {
            this.userId = userId;
        }

        public long userId() {
            return userId;
        }

        public boolean decided() {
            return decided;
        }

        /** It took a share. */
        public void took() {
            decided = true;
        }

        /** It took none: this is the answer to its opener. */
        public void refused(RuntimeException why) {
            decided = true;
            refusal = why;
        }

        public boolean tookShare() {
            return decided && refusal == null;
        }

        /** Returns if it took a share, else throws its refusal. */
        public void outcome() {
            if (!decided) {
                throw new IllegalStateException("an open of user " + userId + " was left undecided");
            }
            if (refusal != null) {
                throw refusal;
            }
        }
    }

    public static final class PacketGate {
        private final ReentrantLock queue = new ReentrantLock(true);
        private final Queue<Ticket> waiting = new ConcurrentLinkedQueue<>();
        private final Set<Long> opened = ConcurrentHashMap.newKeySet();
        private final Facts facts;
        private volatile boolean closed;

        PacketGate(Facts facts) {
            this.facts = facts;
        }

        public Facts facts() {
            return facts;
        }

        /** Joins the queue of this packet's opens: call before {@link #enter()}. */
        public Ticket join(long userId) {
            Ticket ticket = new Ticket(userId);
            waiting.add(ticket);
            return ticket;
        }

        /** Waits for this packet's turn: opens of one packet are decided one batch after the other. */
        public void enter() {
            queue.lock();
        }

        /** Under the lock: the opens waiting now, in order of arrival, taken out of the queue. */
        public List<Ticket> takeWaiting() {
            List<Ticket> batch = new ArrayList<>();
            for (Ticket t = waiting.poll(); t != null; t = waiting.poll()) {
                batch.add(t);
            }
            return batch;
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
