package io.lingqian.platform.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * {@code lingqian.crypto.*}: the keys that encrypt sensitive fields at rest.
 *
 * @param keys       key id → base64 of 32 random bytes (for example {@code openssl rand -base64 32});
 *                   keep old keys listed after a rotation until every value is sealed again
 * @param activeKey  the id of the key new values are sealed with
 * @param indexKey   base64 of 32 random bytes for lookup hashes; never change it once data exists
 * @param keyFile    used when no keys are configured: a file holding generated keys, created on
 *                   first start (the embedded default keeps it under ./data)
 */
@ConfigurationProperties("lingqian.crypto")
public record CryptoProperties(Map<String, String> keys, String activeKey, String indexKey, String keyFile) {
}
