package io.lingqian.staff;

import java.time.Instant;
import java.util.Set;

public record StaffUser(long id, String username, String displayName, Set<StaffRole> roles, Instant createdAt) {

    public StaffUser {
        roles = Set.copyOf(roles);
    }
}
