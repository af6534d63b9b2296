package io.lingqian.credentials.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.demo.DemoContributor;
import io.lingqian.demo.DemoSeed;
import io.lingqian.platform.LingqianProperties;

/**
 * Gives the demo merchant an APIv3 key, a v2 API key and a generated API certificate, and writes them with the
 * platform public key to {@code <demo directory>/merchant/}, the files an SDK user points the official
 * SDK at. The private key exists nowhere else: it is taken (and so erased from the database) here.
 */
@Component
@Order(200)
class DemoMerchantCredentials implements DemoContributor {

    static final String DIRECTORY = "merchant";

    private final MerchantCredentials credentials;
    private final PlatformKeys platformKeys;
    private final Path directory;

    DemoMerchantCredentials(MerchantCredentials credentials, PlatformKeys platformKeys, LingqianProperties properties) {
        this.credentials = credentials;
        this.platformKeys = platformKeys;
        this.directory = properties.demo().directory().resolve(DIRECTORY);
    }

    @Override
    public void contribute(DemoSeed seed) {
        long merchantId = seed.merchant().id();
        String mchid = seed.merchant().mchid().orElseThrow();
        String apiV3Key = MerchantCredentials.suggestApiV3Key();
        credentials.setApiV3Key(merchantId, apiV3Key);
        String apiV2Key = credentials.resetApiV2Key(merchantId);
        MerchantCertificate certificate = credentials.generate(merchantId);
        String privateKey = credentials.takePrivateKey(merchantId, certificate.id()).orElseThrow();
        PlatformKey platform = platformKeys.preferred();

        write("mchid.txt", mchid + "\n", false);
        write("apiclient_key.pem", privateKey, true);
        write("apiclient_cert.pem", certificate.certificatePem().orElseThrow(), false);
        write("cert_serial.txt", certificate.serialNo() + "\n", false);
        write("apiv3_key.txt", apiV3Key + "\n", true);
        write("apiv2_key.txt", apiV2Key + "\n", true);
        write("platform_pub_key.pem", platform.publicKeyPem(), false);
        write("platform_pub_key_id.txt", platform.publicKeyId() + "\n", false);
        write("README.txt", readme(mchid), false);

        Path shown = directory.toAbsolutePath().normalize();
        seed.addSection("Merchant API (official SDK): files in " + shown, List.of(
                "mchid " + mchid + ", certificate serial " + certificate.serialNo(),
                "platform public key id " + platform.publicKeyId(),
                "the private key, APIv3 key and v2 API key are in the files only; see README.txt there"));
    }

    private void write(String name, String content, boolean secret) {
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(directory);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            // Rolls the seed back: a demo merchant whose private key nobody has cannot call the API.
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String readme(String mchid) {
        return """
                Lingqian demo merchant: credentials for the official WeChat Pay Java SDK
                ========================================================================

                These files belong to this demo installation only. Never commit them.

                  mchid.txt                 merchant number (%s)
                  apiclient_key.pem         the merchant's private key (PKCS#8); it exists only here
                  apiclient_cert.pem        the merchant's API certificate, signed by the Lingqian Merchant CA
                  cert_serial.txt           its serial number: merchantSerialNumber in the SDK
                  apiv3_key.txt             the APIv3 key (32 characters): apiV3Key in the SDK
                  apiv2_key.txt             the v2 API key (API密钥, 32 characters) that signs the v2 XML
                                            API (payment code: /pay/micropay, /pay/orderquery,
                                            /secapi/pay/reverse): mchKey in WxJava
                  platform_pub_key.pem      Lingqian's platform public key (public-key mode)
                  platform_pub_key_id.txt   its id, PUB_KEY_ID_...: publicKeyId in the SDK

                appid.txt and payer_openid.txt (an app bound to this mchid and a demo payer's openid
                under it) are added when apps and payments are available.

                The SDK's URLs are fixed to https://api.mch.weixin.qq.com, so send its calls here with
                an OkHttp interceptor (wechatpay-java 0.2.17):

                  OkHttpClient toLingqian = new OkHttpClient.Builder().addInterceptor(chain -> {
                      Request r = chain.request();
                      HttpUrl u = r.url().newBuilder().scheme("http").host("localhost").port(8080).build();
                      return chain.proceed(r.newBuilder().url(u).build());
                  }).build();

                Public-key mode:

                  Config config = new RSAPublicKeyConfig.Builder()
                      .merchantId(<mchid.txt>)
                      .privateKeyFromPath("apiclient_key.pem")
                      .merchantSerialNumber(<cert_serial.txt>)
                      .publicKeyFromPath("platform_pub_key.pem")
                      .publicKeyId(<platform_pub_key_id.txt>)
                      .apiV3Key(<apiv3_key.txt>)
                      .build();

                Certificate mode (downloads the platform certificates from GET /v3/certificates):

                  Config config = new RSAAutoCertificateConfig.Builder()
                      .merchantId(<mchid.txt>)
                      .privateKeyFromPath("apiclient_key.pem")
                      .merchantSerialNumber(<cert_serial.txt>)
                      .apiV3Key(<apiv3_key.txt>)
                      .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(toLingqian))
                      .build();

                Then give every service the redirected client:

                  HttpClient httpClient = new DefaultHttpClientBuilder().config(config).okHttpClient(toLingqian).build();
                  NativePayService service = new NativePayService.Builder().httpClient(httpClient).build();

                The merchant portal's Developer page shows the same values for this installation.
                """.formatted(mchid);
    }
}
