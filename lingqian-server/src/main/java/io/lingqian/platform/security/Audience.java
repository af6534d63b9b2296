package io.lingqian.platform.security;

/**
 * The three kinds of people who sign in. Each has its own user store, login page and session slot,
 * and the role every one of its members holds, so a chain can check the audience as well.
 */
public enum Audience {
    WALLET("WALLET_USER"),
    MERCHANT("MERCHANT_USER"),
    STAFF("STAFF");

    private final String role;

    Audience(String role) {
        this.role = role;
    }

    /** The role name without the {@code ROLE_} prefix, as {@code hasRole(...)} expects it. */
    public String role() {
        return role;
    }
}
