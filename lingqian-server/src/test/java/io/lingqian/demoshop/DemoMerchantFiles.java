package io.lingqian.demoshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.springframework.stereotype.Component;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;

/**
 * Makes sure the demo merchant's files in the DemoEnvironmentTest directory work with the database.
 * A fresh embedded database was just seeded and wrote them; a shared PostgreSQL seeded by an earlier
 * run did not (its private key went to that run's files), and another test may have rotated the
 * platform key. Then the demo merchant gets a new certificate and the files are written again, as a
 * developer would download a new key in the portal.
 */
@Component
public class DemoMerchantFiles {

    public static final Path DIRECTORY = Path.of("target/demo-environment/merchant");
    public static final String MCHID = "1900000001";
    public static final String PAYER_MOBILE = "13800000001";

    private final MerchantAccounts merchants;
    private final MerchantCredentials credentials;
    private final PlatformKeys platformKeys;
    private final MerchantApps apps;
    private final OpenIds openIds;
    private final WalletUsers walletUsers;
    private final Clock clock;

    DemoMerchantFiles(MerchantAccounts merchants, MerchantCredentials credentials, PlatformKeys platformKeys,
            MerchantApps apps, OpenIds openIds, WalletUsers walletUsers, Clock clock) {
        this.merchants = merchants;
        this.credentials = credentials;
        this.platformKeys = platformKeys;
        this.apps = apps;
        this.openIds = openIds;
        this.walletUsers = walletUsers;
        this.clock = clock;
    }

    /** The demo payer the files name (Li Lei). */
    public WalletUser payer() {
        return walletUsers.byMobile(PAYER_MOBILE).orElseThrow();
    }

    public Merchant merchant() {
        return merchants.merchantByMchid(MCHID).orElseThrow();
    }

    public synchronized void ensureCurrent() {
        Merchant demo = merchant();
        PlatformKey platform = platformKeys.preferred();
        String appid = apps.appsOf(demo.id()).get(0).appid();
        boolean current = Files.exists(DIRECTORY.resolve("cert_serial.txt"))
                && credentials.certificates(demo.id()).stream().anyMatch(c -> c.activeAt(clock.instant())
                        && c.serialNo().equals(read("cert_serial.txt")))
                && credentials.apiV3Key(demo.id()).map(k -> k.equals(read("apiv3_key.txt"))).orElse(false)
                && platform.publicKeyId().equals(read("platform_pub_key_id.txt"))
                && appid.equals(read("appid.txt"));
        if (current) {
            return;
        }
        String apiV3Key = credentials.apiV3Key(demo.id()).orElseGet(() -> {
            String key = MerchantCredentials.suggestApiV3Key();
            credentials.setApiV3Key(demo.id(), key);
            return key;
        });
        MerchantCertificate certificate = credentials.generate(demo.id());
        write("mchid.txt", MCHID);
        write("apiclient_key.pem", credentials.takePrivateKey(demo.id(), certificate.id()).orElseThrow());
        write("apiclient_cert.pem", certificate.certificatePem().orElseThrow());
        write("cert_serial.txt", certificate.serialNo());
        write("apiv3_key.txt", apiV3Key);
        write("platform_pub_key.pem", platform.publicKeyPem());
        write("platform_pub_key_id.txt", platform.publicKeyId());
        credentials.apiV2Key(demo.id()).ifPresent(key -> write("apiv2_key.txt", key));
        write("appid.txt", appid);
        write("payer_openid.txt", openIds.openidOf(appid, payer().id()));
    }

    public static String read(String name) {
        try {
            Path file = DIRECTORY.resolve(name);
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, String content) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(name), content.strip() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
