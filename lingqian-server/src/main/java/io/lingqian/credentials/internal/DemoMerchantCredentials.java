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
import io.lingqian.merchant.MerchantApp;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.platform.LingqianProperties;
import io.lingqian.wallet.WalletUser;

/**
 * Gives the demo merchant an APIv3 key, a v2 API key and a generated API certificate, and writes them with the
 * platform public key to {@code <demo directory>/merchant/}, the files an SDK user points the official
 * SDK at. The private key exists nowhere else: it is taken (and so erased from the database) here.
 * Also written: the appid of the demo merchant's official account (registered by the onboarding
 * contributor, which runs earlier) and the openid of the first demo wallet user under it, so a JSAPI
 * order can be placed without going through the web authorisation first.
 */
@Component
@Order(200)
class DemoMerchantCredentials implements DemoContributor {

    static final String DIRECTORY = "merchant";

    private final MerchantCredentials credentials;
    private final PlatformKeys platformKeys;
    private final MerchantApps apps;
    private final OpenIds openIds;
    private final Path directory;

    DemoMerchantCredentials(MerchantCredentials credentials, PlatformKeys platformKeys, MerchantApps apps,
            OpenIds openIds, LingqianProperties properties) {
        this.credentials = credentials;
        this.platformKeys = platformKeys;
        this.apps = apps;
        this.openIds = openIds;
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
        MerchantApp app = apps.appsOf(merchantId).stream().findFirst().orElseThrow(
                () -> new IllegalStateException("the demo merchant's app is registered before its credentials"));
        WalletUser payer = seed.walletUsers().get(0);
        String payerOpenid = openIds.openidOf(app.appid(), payer.id());

        write("mchid.txt", mchid + "\n", false);
        write("apiclient_key.pem", privateKey, true);
        write("apiclient_cert.pem", certificate.certificatePem().orElseThrow(), false);
        write("cert_serial.txt", certificate.serialNo() + "\n", false);
        write("apiv3_key.txt", apiV3Key + "\n", true);
        write("apiv2_key.txt", apiV2Key + "\n", true);
        write("platform_pub_key.pem", platform.publicKeyPem(), false);
        write("platform_pub_key_id.txt", platform.publicKeyId() + "\n", false);
        write("appid.txt", app.appid() + "\n", false);
        write("payer_openid.txt", payerOpenid + "\n", false);
        write("README.txt", readme(mchid, app.appid(), payer.displayName() + " (" + payer.mobile() + ")"), false);

        Path shown = directory.toAbsolutePath().normalize();
        seed.addSection("Merchant API (official SDK): files in " + shown, List.of(
                "mchid " + mchid + ", certificate serial " + certificate.serialNo(),
                "platform public key id " + platform.publicKeyId(),
                "appid " + app.appid() + ", openid of " + payer.displayName() + " under it " + payerOpenid,
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

    private static String readme(String mchid, String appid, String payer) {
        return README.formatted(mchid, appid, payer);
    }

    /** Kept as one text block so what a developer reads is what is tested (DemoMerchantCredentialsTests). */
    private static final String README = """
            Lingqian demo merchant: credentials for the official WeChat Pay SDKs
            ====================================================================

            These files belong to this demo installation only. Never commit them.

              mchid.txt                 merchant number (%1$s)
              apiclient_key.pem         the merchant's private key (PKCS#8); it exists only here
              apiclient_cert.pem        the merchant's API certificate, signed by the Lingqian Merchant CA
              cert_serial.txt           its serial number: merchantSerialNumber in the SDK
              apiv3_key.txt             the APIv3 key (32 characters): apiV3Key in the SDK
              apiv2_key.txt             the v2 API key (API密钥, 32 characters) that signs the v2 XML
                                        API (payment code: /pay/micropay, /pay/orderquery,
                                        /secapi/pay/reverse): mchKey in WxJava
              platform_pub_key.pem      Lingqian's platform public key (public-key mode)
              platform_pub_key_id.txt   its id, PUB_KEY_ID_...: publicKeyId in the SDK
              appid.txt                 the demo merchant's official account (%2$s), bound to the mchid:
                                        the appid of every order
              payer_openid.txt          the openid of the demo payer %3$s under that appid:
                                        payer.openid of a JSAPI order (a real page learns it through
                                        the web authorisation, /connect/oauth2/authorize)

            The demo shop at /demo-shop/ on this server is a complete example that uses these files.


            1. wechatpay-java 0.2.17 (com.github.wechatpay-apiv3:wechatpay-java)
            ---------------------------------------------------------------------

            The SDK's URLs are fixed to https://api.mch.weixin.qq.com, so send its calls here with an
            OkHttp application interceptor. The signature covers only the path and query, so rewriting
            scheme, host and port does not break it. Give EVERY service the redirected HttpClient: a
            service built from .config(config) alone calls the real WeChat Pay.

              import com.wechat.pay.java.core.*;
              import com.wechat.pay.java.core.http.*;
              import com.wechat.pay.java.core.notification.*;
              import com.wechat.pay.java.service.payments.nativepay.NativePayService;
              import com.wechat.pay.java.service.payments.nativepay.model.*;
              import okhttp3.OkHttpClient;
              import java.nio.file.*;

              Path dir = Path.of("data/demo/merchant");
              String mchid = Files.readString(dir.resolve("mchid.txt")).strip();
              String serial = Files.readString(dir.resolve("cert_serial.txt")).strip();
              String apiV3Key = Files.readString(dir.resolve("apiv3_key.txt")).strip();
              String appid = Files.readString(dir.resolve("appid.txt")).strip();

              OkHttpClient toLingqian = new OkHttpClient.Builder().addInterceptor(chain -> {
                  okhttp3.Request r = chain.request();
                  okhttp3.HttpUrl u = r.url().newBuilder().scheme("http").host("localhost").port(8080).build();
                  return chain.proceed(r.newBuilder().url(u).build());
              }).build();

            Public-key mode (Lingqian signs responses and, by default, notifications with the platform
            public key named PUB_KEY_ID_...):

              Config config = new RSAPublicKeyConfig.Builder()
                  .merchantId(mchid)
                  .privateKeyFromPath(dir.resolve("apiclient_key.pem").toString())
                  .merchantSerialNumber(serial)
                  .publicKeyFromPath(dir.resolve("platform_pub_key.pem").toString())
                  .publicKeyId(Files.readString(dir.resolve("platform_pub_key_id.txt")).strip())
                  .apiV3Key(apiV3Key)
                  .build();

            Certificate mode (the SDK downloads the platform certificates from GET /v3/certificates,
            decrypts them with the APIv3 key and refreshes them every hour; the download needs the
            redirect too):

              Config config = new RSAAutoCertificateConfig.Builder()
                  .merchantId(mchid)
                  .privateKeyFromPath(dir.resolve("apiclient_key.pem").toString())
                  .merchantSerialNumber(serial)
                  .apiV3Key(apiV3Key)
                  .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(toLingqian))
                  .build();

            Notifications are signed with the public key unless you choose "Verify notifications with:
            platform certificate" in the merchant portal (API credentials). Do that when you verify
            them with a NotificationParser built from RSAAutoCertificateConfig.

            Then, in either mode:

              HttpClient httpClient = new DefaultHttpClientBuilder().config(config).okHttpClient(toLingqian).build();
              NativePayService pay = new NativePayService.Builder().httpClient(httpClient).build();

              PrepayRequest request = new PrepayRequest();
              request.setAppid(appid);
              request.setMchid(mchid);
              request.setDescription("Flat white");
              request.setOutTradeNo("ORDER" + System.currentTimeMillis());
              request.setNotifyUrl("http://localhost:8081/notify");   // your server
              Amount amount = new Amount();
              amount.setTotal(1800);                                   // fen
              request.setAmount(amount);
              String codeUrl = pay.prepay(request).getCodeUrl();       // paste it into the wallet's Scan page

              // in your notify endpoint: the Wechatpay-* headers and the raw body
              NotificationParser parser = new NotificationParser((NotificationConfig) config);
              Transaction paid = parser.parse(new RequestParam.Builder()
                  .serialNumber(serialHeader).nonce(nonceHeader).signature(signatureHeader)
                  .timestamp(timestampHeader).signType(signatureTypeHeader).body(rawBody).build(),
                  com.wechat.pay.java.service.payments.model.Transaction.class);

            JsapiServiceExtension, RefundService and BillDownloadServiceExtension are built the same way:
            .config(config) where the builder asks for it, and always .httpClient(httpClient).


            2. WxJava weixin-java-pay 4.7.0 (com.github.binarywang:weixin-java-pay)
            -----------------------------------------------------------------------

            WxJava takes a base URL. Its v2 XML API (payment code) works against this server as is:

              WxPayConfig config = new WxPayConfig();
              config.setAppId(appid);
              config.setMchId(mchid);
              config.setMchKey(Files.readString(dir.resolve("apiv2_key.txt")).strip());
              config.setPayBaseUrl("http://localhost:8080");
              WxPayService service = new WxPayServiceImpl();
              service.setConfig(config);
              // service.micropay(...), service.queryOrder(...), service.reverseOrder(...)

            reverseOrder (/secapi/pay/reverse) also wants the API certificate as PKCS#12 with the mchid
            as password, even over plain HTTP:

              openssl pkcs12 -export -inkey apiclient_key.pem -in apiclient_cert.pem \\
                  -out apiclient_cert.p12 -passout pass:%1$s
              config.setKeyPath("data/demo/merchant/apiclient_cert.p12");

            WxJava signs v3 requests and checks v3 answers only for hosts ending in .mch.weixin.qq.com:
            for its v3 API, map a name such as api.mch.weixin.qq.com to 127.0.0.1 (hosts file, or the
            HttpClient builder customizers' DNS resolver), set the base URL to
            http://api.mch.weixin.qq.com:8080 and use public-key mode (setPublicKeyId,
            setPublicKeyPath, setPrivateKeyPath, setCertSerialNo, setApiV3Key).

            The merchant portal's Developer page shows the same values for this installation.
            """;
}
