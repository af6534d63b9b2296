package io.lingqian.demoshop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;

import io.lingqian.platform.LingqianProperties;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The shop's side of the merchant API: the official SDK configured from the merchant's credential
 * files exactly as their README.txt tells a developer (public-key mode, an OkHttp interceptor sending
 * the SDK's {@code api.mch.weixin.qq.com} calls to Lingqian). The files are read again on each use and
 * the SDK rebuilt when they changed, so a re-seeded demo needs no restart.
 */
@Component
class MerchantSdk {

    /** Everything the shop holds for one set of files. */
    record Merchant(String mchid, String appid, String payerOpenid, NativePayService nativePay,
                    JsapiServiceExtension jsapi, NotificationParser notifications) {
    }

    /** The files are missing or unreadable: the shop cannot sell. */
    static final class NotSetUp extends RuntimeException {

        NotSetUp(String message) {
            super(message);
        }
    }

    static final List<String> FILES = List.of("mchid.txt", "apiclient_key.pem", "cert_serial.txt", "apiv3_key.txt",
            "platform_pub_key.pem", "platform_pub_key_id.txt", "appid.txt", "payer_openid.txt");

    private final Path directory;
    private final String configuredBaseUrl;
    private final Environment environment;
    private String loadedFrom;
    private Merchant loaded;

    MerchantSdk(DemoShopProperties shop, LingqianProperties lingqian, Environment environment) {
        this.directory = shop.credentials() != null ? shop.credentials()
                : lingqian.demo().directory().resolve("merchant");
        this.configuredBaseUrl = shop.apiBaseUrl();
        this.environment = environment;
    }

    /** The directory the shop reads, for the page that says it is not set up. */
    Path directory() {
        return directory.toAbsolutePath().normalize();
    }

    /** The merchant as the files describe it now. */
    synchronized Merchant merchant() {
        StringBuilder contents = new StringBuilder();
        for (String name : FILES) {
            contents.append(read(name)).append('\u0000');
        }
        String fingerprint = contents.toString();
        if (!fingerprint.equals(loadedFrom)) {
            loaded = build();
            loadedFrom = fingerprint;
        }
        return loaded;
    }

    private Merchant build() {
        String mchid = read("mchid.txt");
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(mchid)
                .privateKeyFromPath(directory.resolve("apiclient_key.pem").toString())
                .merchantSerialNumber(read("cert_serial.txt"))
                .publicKeyFromPath(directory.resolve("platform_pub_key.pem").toString())
                .publicKeyId(read("platform_pub_key_id.txt"))
                .apiV3Key(read("apiv3_key.txt"))
                .build();
        OkHttpClient toLingqian = new OkHttpClient.Builder().addInterceptor(chain -> {
            Request original = chain.request();
            HttpUrl base = HttpUrl.get(baseUrl());
            HttpUrl redirected = original.url().newBuilder().scheme(base.scheme()).host(base.host()).port(base.port())
                    .build();
            return chain.proceed(original.newBuilder().url(redirected).build());
        }).build();
        HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(toLingqian).build();
        return new Merchant(mchid, read("appid.txt"), read("payer_openid.txt"),
                new NativePayService.Builder().httpClient(http).build(),
                new JsapiServiceExtension.Builder().config(config).httpClient(http).build(),
                new NotificationParser(config));
    }

    /** This server over loopback unless configured: the port is known only once it listens. */
    private String baseUrl() {
        if (configuredBaseUrl != null && !configuredBaseUrl.isBlank()) {
            return configuredBaseUrl;
        }
        return "http://127.0.0.1:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new NotSetUp("The demo shop sells as the merchant whose credential files are in " + directory()
                    + ", and " + name + " cannot be read there. Start Lingqian with the demo seed "
                    + "(lingqian.demo.seed) to have them written.");
        }
    }
}
