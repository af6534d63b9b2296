package io.lingqian.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.lingqian.credentials.internal.CertificateAuthorities;
import io.lingqian.credentials.internal.CredentialStore;
import io.lingqian.credentials.internal.KeyMaterial;
import io.lingqian.testing.ServerTest;

/** Lingqian's CAs and signing keys: created once, sealed at rest, rotated with overlap. */
@ServerTest
class PlatformKeysTests {

    private static final byte[] MESSAGE = "1700000000\nnonce\n{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);

    @Autowired
    PlatformKeys keys;

    @Autowired
    CredentialStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CertificateAuthorities authorities;

    @Test
    void thePreferredKeyHasACertificateFromTheRootCaAndAPublicKeyId() throws Exception {
        PlatformKey key = keys.preferred();

        X509Certificate certificate = TestKeys.certificate(key.certificatePem());
        assertThat(key.serialNo()).matches("[0-9A-F]{40}")
                .isEqualTo(certificate.getSerialNumber().toString(16).toUpperCase());
        assertThat(key.publicKeyId()).matches("PUB_KEY_ID_\\d{32}");
        certificate.verify(TestKeys.certificate(keys.rootCertificatePem()).getPublicKey());
        assertThat(KeyMaterial.publicKey(key.publicKeyPem())).isEqualTo(certificate.getPublicKey());
    }

    @Test
    void privateKeysAreSealedAtRest() {
        // Prepared in the background once the server is ready; a caller that needs them earlier makes them.
        keys.preferred();
        authorities.authority(CertificateAuthorities.Name.MERCHANT);
        assertThat(jdbc.sql("SELECT private_key_sealed FROM platform_key").query(String.class).list())
                .isNotEmpty().allSatisfy(sealed -> assertThat(sealed).startsWith("v1:").doesNotContain("PRIVATE"));
        assertThat(jdbc.sql("SELECT private_key_sealed FROM credential_authority").query(String.class).list())
                .hasSize(2).allSatisfy(sealed -> assertThat(sealed).startsWith("v1:").doesNotContain("PRIVATE"));
    }

    @Test
    void aSecondInstanceStartingAtTheSameTimeCreatesNoSecondCaOrFirstKey() {
        String rootBefore = keys.rootCertificatePem();
        PlatformKey preferredBefore = keys.preferred();

        // What a racing instance does after finding no rows: its inserts are dropped by the unique keys.
        store.insertAuthorityIfAbsent("ROOT", "other", "other", Instant.now());
        boolean inserted = store.insertPlatformKey("AB", "PUB_KEY_ID_1", "c", "p", "s", Instant.now(),
                Instant.now(), Instant.now(), true);

        assertThat(inserted).isFalse();
        assertThat(keys.rootCertificatePem()).isEqualTo(rootBefore);
        assertThat(store.findAuthority("ROOT")).get().extracting(CredentialStore.AuthorityRow::certificatePem)
                .isNotEqualTo("other");
        assertThat(keys.preferred()).isEqualTo(preferredBefore);
    }

    @Test
    void rotationKeepsTheOldKeyUsableUntilRetired() {
        PlatformKey old = keys.preferred();
        PlatformKey rotated = keys.rotate();

        assertThat(rotated.serialNo()).isNotEqualTo(old.serialNo());
        assertThat(keys.preferred().serialNo()).isEqualTo(rotated.serialNo());
        assertThat(keys.active()).extracting(PlatformKey::serialNo).contains(old.serialNo(), rotated.serialNo());

        // The caller names the key it holds, by certificate serial (any case) or public-key id.
        assertSignedBy(keys.sign(old.serialNo().toLowerCase(), MESSAGE), old, old.serialNo());
        assertSignedBy(keys.sign(old.publicKeyId(), MESSAGE), old, old.publicKeyId());
        assertSignedBy(keys.sign("", MESSAGE), rotated, rotated.serialNo());
        assertSignedBy(keys.sign("NOT-OURS", MESSAGE), rotated, rotated.serialNo());

        keys.retire(old.serialNo());
        assertThat(keys.active()).extracting(PlatformKey::serialNo).doesNotContain(old.serialNo());
        assertSignedBy(keys.sign(old.publicKeyId(), MESSAGE), rotated, rotated.serialNo());
        assertThatThrownBy(() -> keys.retire(rotated.serialNo())).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSignedBy(PlatformSignature signature, PlatformKey key, String serial) {
        assertThat(signature.serial()).isEqualTo(serial);
        assertThat(TestKeys.verifies(KeyMaterial.publicKey(key.publicKeyPem()), MESSAGE, signature.signature())).isTrue();
    }
}
