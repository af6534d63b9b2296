package io.lingqian.credentials;

import java.time.Instant;
import java.util.Optional;

/**
 * A key a merchant signs API requests with. The merchant puts {@code serialNo} into the
 * {@code serial_no} of its Authorization header.
 *
 * @param certificatePem     absent when a bare public key was uploaded
 * @param notBefore          the certificate's validity; absent for a bare public key
 * @param privateKeyWaiting  a generated private key not yet downloaded
 */
public record MerchantCertificate(long id, String serialNo, CertificateOrigin origin, Optional<String> certificatePem,
                                  String publicKeyPem, Optional<Instant> notBefore, Optional<Instant> notAfter,
                                  Instant createdAt, Optional<Instant> revokedAt, boolean privateKeyWaiting) {

    /** Whether requests signed with it are accepted at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt.isEmpty() && notAfter.map(now::isBefore).orElse(true)
                && notBefore.map(start -> !now.isBefore(start)).orElse(true);
    }
}
