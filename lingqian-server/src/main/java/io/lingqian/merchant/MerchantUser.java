package io.lingqian.merchant;

import java.time.Instant;

/** Someone who signs in to the merchant portal for one merchant. */
public record MerchantUser(long id, long merchantId, String email, String displayName, Instant createdAt) {
}
