package io.lingqian.merchant;

/** Where a merchant stands; the review workflow that moves it between states comes with applications. */
public enum MerchantStatus {
    /** Has applied; cannot take payments yet. */
    APPLYING,
    /** Approved, has a mchid, takes payments. */
    ACTIVE
}
