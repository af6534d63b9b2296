package io.lingqian.merchant;

/**
 * Where a merchant stands, as the rest of the platform needs to know it. It follows the merchant's
 * application ({@link ApplicationState}): every state before {@code ACTIVE} is {@link #APPLYING}.
 */
public enum MerchantStatus {
    /** Has applied, or is still filling in, being reviewed or signing; cannot take payments yet. */
    APPLYING,
    /** Approved, has a mchid, takes payments. */
    ACTIVE,
    /** Stopped by staff: takes no payments and is not settled until resumed. */
    SUSPENDED,
    /** Closed for good. */
    CLOSED;

    static MerchantStatus of(ApplicationState state) {
        return switch (state) {
            case ACTIVE -> ACTIVE;
            case SUSPENDED -> SUSPENDED;
            case CLOSED -> CLOSED;
            default -> APPLYING;
        };
    }
}
