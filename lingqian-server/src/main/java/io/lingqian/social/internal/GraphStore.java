package io.lingqian.social.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL for {@code social_contact}, {@code social_group} and {@code social_group_member}. */
@Repository
public class GraphStore {

    public record ContactRow(long contactId, OffsetDateTime addedAt) {
        public Instant added() {
            return Sql.instant(addedAt);
        }
    }

    public record GroupRow(long id, String name, long ownerId, OffsetDateTime createdAt) {
        public Instant created() {
            return Sql.instant(createdAt);
        }
    }

    public record MemberRow(long userId, OffsetDateTime joinedAt) {
        public Instant joined() {
            return Sql.instant(joinedAt);
        }
    }

    private final JdbcClient jdbc;

    GraphStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a contact; false when it was one already. */
    public boolean addContact(long ownerId, long contactId, Instant now) {
        return jdbc.sql("""
                INSERT INTO social_contact (owner_id, contact_id, added_at)
                SELECT :o, :c, :now WHERE NOT EXISTS
                    (SELECT 1 FROM social_contact WHERE owner_id = :o AND contact_id = :c)""")
                .param("o", ownerId).param("c", contactId).param("now", Sql.utc(now)).update() == 1;
    }

    public List<ContactRow> contacts(long ownerId) {
        return jdbc.sql("SELECT contact_id, added_at FROM social_contact WHERE owner_id = :o ORDER BY added_at, contact_id")
                .param("o", ownerId).query(ContactRow.class).list();
    }

    public boolean isContact(long ownerId, long contactId) {
        return jdbc.sql("SELECT COUNT(*) FROM social_contact WHERE owner_id = :o AND contact_id = :c")
                .param("o", ownerId).param("c", contactId).query(Long.class).single() > 0;
    }

    public long insertGroup(String name, long ownerId, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO social_group (name, owner_id, created_at) VALUES (:n, :o, :now)")
                .param("n", name).param("o", ownerId).param("now", Sql.utc(now)).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Locks the group row, so that concurrent additions cannot pass the member limit together. */
    public Optional<GroupRow> lockGroup(long id) {
        return jdbc.sql("SELECT id, name, owner_id, created_at FROM social_group WHERE id = :id FOR UPDATE")
                .param("id", id).query(GroupRow.class).optional();
    }

    public Optional<GroupRow> group(long id) {
        return jdbc.sql("SELECT id, name, owner_id, created_at FROM social_group WHERE id = :id")
                .param("id", id).query(GroupRow.class).optional();
    }

    public boolean addMember(long groupId, long userId, Instant now) {
        return jdbc.sql("""
                INSERT INTO social_group_member (group_id, user_id, joined_at)
                SELECT :g, :u, :now WHERE NOT EXISTS
                    (SELECT 1 FROM social_group_member WHERE group_id = :g AND user_id = :u)""")
                .param("g", groupId).param("u", userId).param("now", Sql.utc(now)).update() == 1;
    }

    public List<MemberRow> members(long groupId) {
        return jdbc.sql("SELECT user_id, joined_at FROM social_group_member WHERE group_id = :g ORDER BY joined_at, user_id")
                .param("g", groupId).query(MemberRow.class).list();
    }

    public int memberCount(long groupId) {
        return jdbc.sql("SELECT COUNT(*) FROM social_group_member WHERE group_id = :g").param("g", groupId)
                .query(Integer.class).single();
    }

    public boolean isMember(long groupId, long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM social_group_member WHERE group_id = :g AND user_id = :u")
                .param("g", groupId).param("u", userId).query(Long.class).single() > 0;
    }

    public List<GroupRow> groupsOf(long userId) {
        return jdbc.sql("""
                SELECT g.id, g.name, g.owner_id, g.created_at FROM social_group g
                JOIN social_group_member m ON m.group_id = g.id WHERE m.user_id = :u ORDER BY g.id DESC""")
                .param("u", userId).query(GroupRow.class).list();
    }
}
