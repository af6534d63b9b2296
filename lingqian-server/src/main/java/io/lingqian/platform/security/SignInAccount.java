package io.lingqian.platform.security;

import java.util.Set;

/**
 * What a context hands to sign-in for one of its users: the stored hash stays inside the sign-in and
 * is erased from the principal once the password has been checked.
 *
 * @param roles roles beyond the audience's own, without the {@code ROLE_} prefix
 */
public record SignInAccount(long id, String login, String displayName, String passwordHash, Set<String> roles) {

    public SignInAccount {
        roles = Set.copyOf(roles);
    }
}
