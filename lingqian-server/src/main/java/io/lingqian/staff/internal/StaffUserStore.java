package io.lingqian.staff.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;

/** The SQL for {@code staff_user} and {@code staff_role}. */
@Repository
public class StaffUserStore {

    /** A staff user with the hash that never leaves this context except for a sign-in check. */
    public record Row(StaffUser user, String passwordHash) {
    }

    private final JdbcClient jdbc;

    StaffUserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public StaffUser insert(String username, String displayName, String passwordHash, Set<StaffRole> roles,
            Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO staff_user (username, display_name, password_hash, created_at)
                VALUES (:username, :displayName, :passwordHash, :createdAt)
                """)
                .param("username", username)
                .param("displayName", displayName)
                .param("passwordHash", passwordHash)
                .param("createdAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(key, "id");
        long id = key.getKeyAs(Long.class);
        for (StaffRole role : roles) {
            jdbc.sql("INSERT INTO staff_role (staff_user_id, role) VALUES (:id, :role)")
                    .param("id", id)
                    .param("role", role.name())
                    .update();
        }
        return new StaffUser(id, username, displayName, roles, now);
    }

    public Optional<Row> findByUsername(String username) {
        record UserRow(long id, String username, String displayName, String passwordHash, OffsetDateTime createdAt) {
        }
        return jdbc.sql("""
                SELECT id, username, display_name, password_hash, created_at
                FROM staff_user WHERE username = :username
                """)
                .param("username", username)
                .query(UserRow.class)
                .optional()
                .map(row -> new Row(new StaffUser(row.id(), row.username(), row.displayName(), roles(row.id()),
                        row.createdAt().toInstant()), row.passwordHash()));
    }

    private Set<StaffRole> roles(long staffUserId) {
        EnumSet<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        jdbc.sql("SELECT role FROM staff_role WHERE staff_user_id = :id")
                .param("id", staffUserId)
                .query(String.class)
                .list()
                .forEach(role -> roles.add(StaffRole.valueOf(role)));
        return roles;
    }
}
