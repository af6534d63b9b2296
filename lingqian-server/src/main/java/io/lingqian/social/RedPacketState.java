package io.lingqian.social;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** {@code OPEN} while shares remain; {@code FINISHED} when all are taken; {@code EXPIRED} when the rest went back. */
public enum RedPacketState {
    OPEN,
    FINISHED,
    EXPIRED;

    private static final Map<RedPacketState, Set<RedPacketState>> NEXT = new EnumMap<>(RedPacketState.class);

    static {
        NEXT.put(OPEN, EnumSet.of(FINISHED, EXPIRED));
        NEXT.put(FINISHED, EnumSet.noneOf(RedPacketState.class));
        NEXT.put(EXPIRED, EnumSet.noneOf(RedPacketState.class));
    }

    /** The state after this one; an illegal move is a bug in the caller, never a user's doing. */
    public RedPacketState next(RedPacketState target) {
        if (!NEXT.get(this).contains(target)) {
            throw new IllegalStateException("a red packet cannot go from " + this + " to " + target);
        }
        return target;
    }
}
