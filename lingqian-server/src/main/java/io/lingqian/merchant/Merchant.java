package io.lingqian.merchant;

import java.time.Instant;
import java.util.Optional;

/** A merchant; {@code mchid} is the WeChat Pay merchant number, absent until approval. */
public record Merchant(long id, Optional<String> mchid, String name, MerchantStatus status, Instant createdAt) {
}
