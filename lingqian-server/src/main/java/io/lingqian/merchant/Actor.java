package io.lingqian.merchant;

/**
 * Who made a change, for the audit trail.
 *
 * @param id the user's id in its own table ({@code merchant_user}, {@code staff_user}); 0 for the system
 */
public record Actor(Kind kind, long id, String name) {

    public enum Kind { MERCHANT_USER, STAFF, SYSTEM }

    public static Actor merchantUser(long id, String name) {
        return new Actor(Kind.MERCHANT_USER, id, name);
    }

    public static Actor staff(long id, String name) {
        return new Actor(Kind.STAFF, id, name);
    }

    public static Actor system(String name) {
        return new Actor(Kind.SYSTEM, 0, name);
    }
}
