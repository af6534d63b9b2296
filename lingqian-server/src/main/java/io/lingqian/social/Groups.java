package io.lingqian.social;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.social.internal.GraphStore;
import io.lingqian.wallet.WalletProblems;
import io.lingqian.wallet.WalletUsers;

/**
 * Group chats of up to {@code lingqian.social.max-group-members} (500) members. The creator is a
 * member and adds their contacts; only members see a group.
 */
@Service
public class Groups {

    private final GraphStore store;
    private final WalletUsers users;
    private final SocialProperties settings;
    private final Clock clock;

    Groups(GraphStore store, WalletUsers users, SocialProperties settings, Clock clock) {
        this.store = store;
        this.users = users;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates a group of the owner and some of their contacts. */
    @Transactional
    public Group create(long ownerId, String name, List<Long> memberIds) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw WalletProblems.invalid("invalid_group_name", "A group name is 1-100 characters.");
        }
        Set<Long> members = new LinkedHashSet<>();
        members.add(ownerId);
        if (memberIds != null) {
            members.addAll(memberIds);
        }
        if (members.size() > settings.maxGroupMembers()) {
            throw WalletProblems.refused("group_full", "A group has at most " + settings.maxGroupMembers() + " members.");
        }
        for (long id : members) {
            if (id != ownerId && !store.isContact(ownerId, id)) {
                throw WalletProblems.refused("not_a_contact", "Add people as contacts before adding them to a group.");
            }
        }
        long groupId = store.insertGroup(clean, ownerId, clock.instant());
        members.forEach(id -> store.addMember(groupId, id, clock.instant()));
        return group(ownerId, groupId);
    }

    /** Adds one of the caller's contacts to a group the caller belongs to. */
    @Transactional
    public Group addMember(long callerId, long groupId, long userId) {
        store.lockGroup(groupId).filter(g -> store.isMember(groupId, callerId))
                .orElseThrow(() -> WalletProblems.notFound("group"));
        if (!store.isContact(callerId, userId)) {
            throw WalletProblems.refused("not_a_contact", "Add people as contacts before adding them to a group.");
        }
        if (!store.isMember(groupId, userId) && store.memberCount(groupId) >= settings.maxGroupMembers()) {
            throw WalletProblems.refused("group_full", "A group has at most " + settings.maxGroupMembers() + " members.");
        }
        store.addMember(groupId, userId, clock.instant());
        return group(callerId, groupId);
    }

    /** A group the caller is a member of; any other is "not found", so ids reveal nothing. */
    public Group group(long callerId, long groupId) {
        var row = store.group(groupId).filter(g -> store.isMember(groupId, callerId))
                .orElseThrow(() -> WalletProblems.notFound("group"));
        List<Group.Member> members = store.members(groupId).stream()
                .map(m -> new Group.Member(m.userId(), users.byId(m.userId()).orElseThrow().displayName(), m.joined()))
                .toList();
        return new Group(row.id(), row.name(), row.ownerId(), row.created(), members);
    }

    public List<Group> groups(long userId) {
        return store.groupsOf(userId).stream().map(g -> group(userId, g.id())).toList();
    }

    boolean isMember(long groupId, long userId) {
        return store.isMember(groupId, userId);
    }

    int memberCount(long groupId) {
        return store.memberCount(groupId);
    }

    String name(long groupId) {
        return store.group(groupId).map(GraphStore.GroupRow::name).orElseThrow();
    }
}
