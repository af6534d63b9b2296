package io.lingqian.merchant;

import java.time.Instant;
import java.util.List;

/**
 * An app bound to a merchant.
 *
 * @param appid   {@code wx} and 16 hex digits, as WeChat's
 * @param domains where the web authorisation may send the user back to (host, or host:port)
 */
public record MerchantApp(String appid, long merchantId, AppKind kind, String name, List<String> domains,
                          Instant createdAt, Instant secretSetAt) {

    public MerchantApp {
        domains = List.copyOf(domains);
    }
}
