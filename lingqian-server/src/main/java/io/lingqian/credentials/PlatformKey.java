package io.lingqian.credentials;

import java.time.Instant;

/**
 * One of Lingqian's signing keys, as merchants see it: a platform certificate (serial in upper-case
 * hex) and the same public key on its own, named {@code PUB_KEY_ID_…} for public-key mode.
 *
 * @param preferred whether responses are signed with it when the caller names no key
 */
public record PlatformKey(String serialNo, String publicKeyId, String certificatePem, String publicKeyPem,
                          Instant notBefore, Instant notAfter, boolean preferred) {
}
