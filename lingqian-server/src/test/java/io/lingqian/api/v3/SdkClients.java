package io.lingqian.api.v3;

import java.time.Duration;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;

import io.lingqian.credentials.PlatformKey;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The official wechatpay-java SDK, unchanged, pointed at the running test server the way reference
 * §5.6 shows a merchant doing it: the SDK keeps calling {@link #WECHAT}, and an OkHttp application
 * interceptor sends each call to this server over plain HTTP/1.1. Tests build their configuration and
 * signing client here and say only what is theirs: whose credentials, which platform key, which mode.
 */
public final class SdkClients {

    /** The host the SDK is written for; the interceptor sends its calls to this server instead. */
    public static final String WECHAT = "https://api.mch.weixin.qq.com";

    private SdkClients() {
    }

    /**
     * Public-key mode ({@code RSAPublicKeyConfig}): the SDK signs as {@code signer}, verifies answers with
     * {@code platformKey} and names its public key id, so the server answers with that key.
     */
    public static RSAPublicKeyConfig publicKeyMode(ApiV3Credentials signer, PlatformKey platformKey) {
        return new RSAPublicKeyConfig.Builder()
                .merchantId(signer.mchid())
                .privateKey(signer.privateKeyPem())
                .merchantSerialNumber(signer.serialNo())
                .apiV3Key(signer.apiV3Key())
                .publicKey(platformKey.publicKeyPem().replaceAll("-----[A-Z ]+-----|\\s", ""))
                .publicKeyId(platformKey.publicKeyId())
                .build();
    }

    /**
     * Certificate mode ({@code RSAAutoCertificateConfig}): building it downloads the platform certificates
     * from this server, through the same interceptor, and decrypts them with the APIv3 key.
     */
    public static RSAAutoCertificateConfig certificateMode(ApiV3Credentials signer, int port) {
        return new RSAAutoCertificateConfig.Builder()
                .merchantId(signer.mchid())
                .privateKey(signer.privateKeyPem())
                .merchantSerialNumber(signer.serialNo())
                .apiV3Key(signer.apiV3Key())
                .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(toThisServer(port)))
                .build();
    }

    /** The SDK's signing and verifying client for {@code config}, calling this server. */
    public static HttpClient http(Config config, int port) {
        return new DefaultHttpClientBuilder().config(config).okHttpClient(toThisServer(port)).build();
    }

    /** The same, waiting up to {@code readTimeout} for an answer (a large bill takes longer than the default). */
    public static HttpClient http(Config config, int port, Duration readTimeout) {
        return new DefaultHttpClientBuilder().config(config)
                .okHttpClient(toThisServer(port).newBuilder().readTimeout(readTimeout).build())
                .readTimeoutMs((int) readTimeout.toMillis()).build();
    }

    /** §5.6: an application interceptor sends the SDK's api.mch.weixin.qq.com calls here, over plain HTTP/1.1. */
    private static OkHttpClient toThisServer(int port) {
        return new OkHttpClient.Builder().addInterceptor(chain -> {
            Request original = chain.request();
            HttpUrl local = original.url().newBuilder().scheme("http").host("127.0.0.1").port(port).build();
            return chain.proceed(original.newBuilder().url(local).build());
        }).build();
    }
}
