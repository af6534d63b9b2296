package io.lingqian.social;

import java.time.Instant;
import java.util.List;

/** A group chat: the members a group red packet is sent to. */
public record Group(long id, String name, long ownerId, Instant createdAt, List<Member> members) {

    public record Member(long userId, String displayName, Instant joinedAt) {
    }

    public boolean hasMember(long userId) {
        return members.stream().anyMatch(m -> m.userId() == userId);
    }
}
