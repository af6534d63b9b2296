package io.lingqian.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.credentials.internal.KeyMaterial;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.wallet.WalletUsers;
import io.lingqian.testing.DemoEnvironmentTest;

/** The demo merchant's credential files match what the server holds and work together. */
@DemoEnvironmentTest
class DemoMerchantCredentialsTests {

    /** DemoEnvironmentTest's demo directory. */
    private static final Path FILES = Path.of("target/demo-environment/merchant");

    @Autowired
    MerchantAccounts merchants;

    @Autowired
    MerchantCredentials credentials;

    @Autowired
    PlatformKeys platformKeys;

    @Autowired
    MerchantApps apps;

    @Autowired
    OpenIds openIds;

    @Autowired
    WalletUsers walletUsers;

    @Test
    void theFilesHoldAWorkingKeyPairTheApiV3KeyAndThePlatformKey() throws Exception {
        Merchant demo = merchants.merchantByMchid("1900000001").orElseThrow();
        // A shared database seeded by an earlier run (CI on PostgreSQL) did not write this run's files.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(FILES.resolve("cert_serial.txt"))
                && credentials.certificates(demo.id()).stream()
                        .anyMatch(c -> c.serialNo().equals(read("cert_serial.txt"))),
                "the demo was seeded by an earlier run");

        assertThat(read("mchid.txt")).isEqualTo("1900000001");
        assertThat(credentials.apiV3Key(demo.id())).contains(read("apiv3_key.txt"));
        assertThat(credentials.apiV2Key(demo.id())).contains(read("apiv2_key.txt"));

        X509Certificate certificate = KeyMaterial.certificate(read("apiclient_cert.pem"));
        assertThat(read("cert_serial.txt")).isEqualTo(KeyMaterial.serialHex(certificate));
        assertThat(credentials.verificationKey(demo.id(), read("cert_serial.txt"))).contains(certificate.getPublicKey());
        PrivateKey privateKey = KeyMaterial.privateKey(read("apiclient_key.pem"));
        byte[] message = "demo".getBytes(StandardCharsets.UTF_8);
        assertThat(TestKeys.verifies(certificate.getPublicKey(), message, TestKeys.sign(privateKey, message))).isTrue();

        assertThat(platformKeys.active()).anySatisfy(key -> {
            assertThat(key.publicKeyId()).isEqualTo(read("platform_pub_key_id.txt"));
            assertThat(key.publicKeyPem().strip()).isEqualTo(read("platform_pub_key.pem"));
        });
        // The app is the demo merchant's own (bound to its mchid), the openid Li Lei's under that app.
        String appid = read("appid.txt");
        assertThat(apps.isBound(appid, "1900000001")).isTrue();
        assertThat(openIds.userOf(appid, read("payer_openid.txt")))
                .contains(walletUsers.byMobile("13800000001").orElseThrow().id());

        assertThat(read("README.txt")).contains("Never commit", "appid.txt", "payer_openid.txt",
                // both SDK modes and WxJava, each pointed at this server (reference §5.6)
                "RSAPublicKeyConfig", "RSAAutoCertificateConfig", ".addInterceptor(", ".okHttpClient(toLingqian)",
                "NotificationParser", "setPayBaseUrl(\"http://localhost:8080\")", "/demo-shop/")
                .doesNotContain("are added when");
        // The private key was handed to the files and is no longer in the database.
        assertThat(credentials.certificates(demo.id())).noneMatch(MerchantCertificate::privateKeyWaiting);
    }

    private static String read(String name) {
        try {
            return Files.readString(FILES.resolve(name)).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
