package io.lingqian.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.lingqian.credentials.TestMerchants.ApprovedMerchant;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.testing.ServerTest;

/** A merchant's APIv3 key and API certificates. */
@ServerTest
class MerchantCredentialsTests {

    @Autowired
    MerchantCredentials credentials;

    @Autowired
    TestMerchants merchants;

    @Autowired
    MerchantAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theApiV3KeyIsExactly32LettersAndDigitsSealedAtRestAndReplaceable() {
        ApprovedMerchant shop = merchants.approved();
        assertThatThrownBy(() -> credentials.setApiV3Key(shop.id(), "a".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("An APIv3 key is exactly 32 letters and digits.");
        assertThatThrownBy(() -> credentials.setApiV3Key(shop.id(), "é".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(credentials.apiV3KeySetAt(shop.id())).isEmpty();

        String first = MerchantCredentials.suggestApiV3Key();
        credentials.setApiV3Key(shop.id(), first);
        String second = MerchantCredentials.suggestApiV3Key();
        credentials.setApiV3Key(shop.id(), second);

        assertThat(credentials.apiV3Key(shop.id())).contains(second);
        String stored = jdbc.sql("SELECT key_sealed FROM merchant_api_key WHERE merchant_id = ?")
                .param(shop.id()).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(second);
    }

    @Test
    void anApplicantWithoutMchidGetsNoCredentials() {
        Merchant applicant = accounts.open(null, "Applicant", MerchantStatus.APPLYING);
        assertThatThrownBy(() -> credentials.generate(applicant.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mchid");
    }

    @Test
    void anUploadedCertificateKeepsItsSerialAndIsFoundInAnyCase() {
        ApprovedMerchant shop = merchants.approved();
        KeyPair keys = TestKeys.rsa(2048);
        X509Certificate mine = TestKeys.selfSigned(keys, new BigInteger("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", 16),
                Instant.now().plus(365, ChronoUnit.DAYS));

        MerchantCertificate registered = credentials.register(shop.id(), TestKeys.pem(mine));

        assertThat(registered.serialNo()).isEqualTo("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
        assertThat(registered.origin()).isEqualTo(CertificateOrigin.UPLOADED);
        assertThat(credentials.verificationKey(shop.id(), "5157f09efdc096de15ebe81a47057a7232f1b8e1"))
                .contains(keys.getPublic());
        assertThatThrownBy(() -> credentials.register(shop.id(), TestKeys.pem(mine)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered already");
    }

    @Test
    void aBarePublicKeyIsNamedByItsFingerprint() {
        ApprovedMerchant shop = merchants.approved();
        KeyPair keys = TestKeys.rsa(2048);

        MerchantCertificate registered = credentials.register(shop.id(), TestKeys.pem(keys.getPublic()));

        assertThat(registered.serialNo()).matches("[0-9A-F]{40}");
        assertThat(registered.certificatePem()).isEmpty();
        assertThat(credentials.verificationKey(shop.id(), registered.serialNo())).contains(keys.getPublic());
    }

    @Test
    void weakExpiredPrivateOrGarbageUploadsAreRefusedAndNothingIsStored() {
        ApprovedMerchant shop = merchants.approved();
        KeyPair weak = TestKeys.rsa(1024);
        KeyPair strong = TestKeys.rsa(2048);
        X509Certificate expired = TestKeys.selfSigned(strong, BigInteger.TEN, Instant.now().minus(1, ChronoUnit.HOURS));

        assertThatThrownBy(() -> credentials.register(shop.id(), TestKeys.pem(weak.getPublic())))
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> credentials.register(shop.id(), TestKeys.pem(expired))).hasMessageContaining("expired");
        assertThatThrownBy(() -> credentials.register(shop.id(), TestKeys.pem(strong.getPrivate())))
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> credentials.register(shop.id(), "hello")).isInstanceOf(IllegalArgumentException.class);
        assertThat(credentials.certificates(shop.id())).isEmpty();
    }

    @Test
    void aGeneratedCertificateComesFromTheMerchantCaAndItsPrivateKeyIsHandedOutOnce() throws Exception {
        ApprovedMerchant shop = merchants.approved();

        MerchantCertificate generated = credentials.generate(shop.id());

        X509Certificate certificate = TestKeys.certificate(generated.certificatePem().orElseThrow());
        certificate.verify(TestKeys.certificate(credentials.merchantCaCertificatePem()).getPublicKey());
        assertThat(generated.serialNo()).isEqualTo(certificate.getSerialNumber().toString(16).toUpperCase());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=" + shop.mchid());
        assertThat(generated.privateKeyWaiting()).isTrue();

        String pem = credentials.takePrivateKey(shop.id(), generated.id()).orElseThrow();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey privateKey = TestKeys.privateKey(pem);
        byte[] message = "GET\n/v3/certificates\n1\nn\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(TestKeys.verifies(certificate.getPublicKey(), message, TestKeys.sign(privateKey, message))).isTrue();

        assertThat(credentials.takePrivateKey(shop.id(), generated.id())).isEmpty();
        assertThat(credentials.certificate(shop.id(), generated.id())).get()
                .extracting(MerchantCertificate::privateKeyWaiting).isEqualTo(false);
    }

    @Test
    void revocationTakesEffectAtOnceAndSeveralKeysAreActiveDuringRotation() {
        ApprovedMerchant shop = merchants.approved();
        MerchantCertificate old = credentials.generate(shop.id());
        MerchantCertificate fresh = credentials.generate(shop.id());
        assertThat(credentials.verificationKey(shop.id(), old.serialNo())).isPresent();
        assertThat(credentials.verificationKey(shop.id(), fresh.serialNo())).isPresent();

        assertThat(credentials.revoke(shop.id(), old.id())).isTrue();

        assertThat(credentials.verificationKey(shop.id(), old.serialNo())).isEmpty();
        assertThat(credentials.verificationKey(shop.id(), fresh.serialNo())).isPresent();
        assertThat(credentials.revoke(shop.id(), old.id())).isFalse();
        // A revoked key's waiting private key goes with it.
        assertThat(credentials.takePrivateKey(shop.id(), old.id())).isEmpty();
    }

    @Test
    void oneMerchantCannotTouchAnothersKeys() {
        ApprovedMerchant a = merchants.approved();
        ApprovedMerchant b = merchants.approved();
        MerchantCertificate bs = credentials.generate(b.id());

        assertThat(credentials.takePrivateKey(a.id(), bs.id())).isEmpty();
        assertThat(credentials.revoke(a.id(), bs.id())).isFalse();
        assertThat(credentials.certificate(a.id(), bs.id())).isEmpty();
        assertThat(credentials.verificationKey(a.id(), bs.serialNo())).isEmpty();

        assertThat(credentials.verificationKey(b.id(), bs.serialNo())).isPresent();
        assertThat(credentials.takePrivateKey(b.id(), bs.id())).isPresent();
    }
}
