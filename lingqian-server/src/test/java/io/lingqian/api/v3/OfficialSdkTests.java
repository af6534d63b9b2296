package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.HttpResponse;
import com.wechat.pay.java.core.http.JsonRequestBody;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.testing.DemoEnvironmentTest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The official wechatpay-java SDK, unchanged, against the running server, pointed at it the way the
 * reference §5.6 shows. The SDK verifies every 2xx response's signature, timestamp and headers itself
 * and throws when any is wrong, so each successful call here proves the response checklist C1–C6.
 */
@DemoEnvironmentTest
class OfficialSdkTests {

    private static final String WECHAT = "https://api.mch.weixin.qq.com";

    @LocalServerPort
    int port;

    @Autowired
    TestMerchants merchants;

    @Autowired
    MerchantCredentials credentials;

    @Autowired
    PlatformKeys platformKeys;

    ApiTestMerchant merchant;

    @BeforeEach
    void newMerchant() {
        merchant = ApiTestMerchant.create(merchants, credentials);
    }

    @Test
    void certificateModeDownloadsAndDecryptsThePlatformCertificate() {
        RSAAutoCertificateConfig config = new RSAAutoCertificateConfig.Builder()
                .merchantId(merchant.mchid())
                .privateKey(merchant.privateKeyPem())
                .merchantSerialNumber(merchant.serialNo())
                .apiV3Key(merchant.apiV3Key())
                .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(toThisServer()))
                .build();

        // The SDK uses the certificate that stays valid longest; we issue the newest key last.
        assertThat(config.createVerifier().getSerialNumber())
                .isIn(platformKeys.active().stream().map(PlatformKey::serialNo).toList());

        HttpResponse<Echo> response = post(config, "{\"mchid\":\"" + merchant.mchid() + "\",\"amount\":{\"total\":1}}");
        assertThat(response.getServiceResponse().mchid).isEqualTo(merchant.mchid());
        assertThat(response.getHeaders().getHeader("Wechatpay-Serial")).isEqualTo(config.createVerifier().getSerialNumber());
        assertThat(response.getHeaders().getHeader("Request-ID")).isNotBlank();
    }

    @Test
    void publicKeyModeIsAnsweredWithThePublicKeyIdItAskedFor() {
        PlatformKey key = platformKeys.preferred();
        RSAPublicKeyConfig config = publicKeyConfig(key);

        HttpResponse<Echo> response = post(config, "{\"mchid\":\"" + merchant.mchid() + "\",\"description\":\"零钱 coffee\"}");

        assertThat(response.getServiceResponse().received).containsEntry("description", "零钱 coffee");
        assertThat(response.getHeaders().getHeader("Wechatpay-Serial")).isEqualTo(key.publicKeyId());
    }

    @Test
    void anEmpty204IsSignedToo() {
        RSAPublicKeyConfig config = publicKeyConfig(platformKeys.preferred());

        HttpResponse<Object> response = client(config).execute(new HttpRequest.Builder()
                .httpMethod(HttpMethod.POST).url(WECHAT + SignedProbeController.EMPTY).headers(jsonHeaders())
                .body(new JsonRequestBody.Builder().body("{}").build()).build(), Object.class);

        assertThat(response.getHeaders().getHeader("Wechatpay-Signature")).isNotBlank();
        assertThat(response.getHeaders().getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void aQueryIsSignedOverTheRawTargetInTheSdksParameterOrder() {
        RSAPublicKeyConfig config = publicKeyConfig(platformKeys.preferred());
        String query = "?mchid=" + merchant.mchid() + "&b=%E9%9B%B6&a=1";

        HttpResponse<Echo> response = client(config).execute(new HttpRequest.Builder()
                .httpMethod(HttpMethod.GET).url(WECHAT + SignedProbeController.ECHO + query).headers(jsonHeaders())
                .build(), Echo.class);

        assertThat(response.getServiceResponse().query).isEqualTo(query.substring(1));
    }

    @Test
    void aRefusalReachesTheMerchantsCodeAsServiceExceptionWithCodeAndMessage() {
        RSAPublicKeyConfig config = publicKeyConfig(platformKeys.preferred());

        assertThatThrownBy(() -> client(config).execute(new HttpRequest.Builder()
                .httpMethod(HttpMethod.POST).url(WECHAT + SignedProbeController.REFUSE).headers(jsonHeaders())
                .body(new JsonRequestBody.Builder().body("{}").build()).build(), Object.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo("TRADE_ERROR");
                    assertThat(e.getErrorMessage()).isEqualTo("refused for the test");
                });
    }

    @Test
    void aRevokedCertificateIsRefusedOnTheNextCall() {
        RSAPublicKeyConfig config = publicKeyConfig(platformKeys.preferred());
        post(config, "{\"mchid\":\"" + merchant.mchid() + "\"}");

        credentials.revoke(merchant.merchant().id(), merchant.certificate().id());

        assertThatThrownBy(() -> post(config, "{\"mchid\":\"" + merchant.mchid() + "\"}"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                    assertThat(e.getErrorCode()).isEqualTo("SIGN_ERROR");
                });
    }

    /** The response model of the probe endpoint; the SDK's Gson fills it. */
    static final class Echo {
        String mchid;
        java.util.Map<String, Object> received;
        String query;
    }

    private RSAPublicKeyConfig publicKeyConfig(PlatformKey key) {
        return new RSAPublicKeyConfig.Builder()
                .merchantId(merchant.mchid())
                .privateKey(merchant.privateKeyPem())
                .merchantSerialNumber(merchant.serialNo())
                .apiV3Key(merchant.apiV3Key())
                .publicKey(key.publicKeyPem().replaceAll("-----[A-Z ]+-----|\\s", ""))
                .publicKeyId(key.publicKeyId())
                .build();
    }

    private HttpResponse<Echo> post(Config config, String json) {
        return client(config).execute(new HttpRequest.Builder()
                .httpMethod(HttpMethod.POST).url(WECHAT + SignedProbeController.ECHO).headers(jsonHeaders())
                .body(new JsonRequestBody.Builder().body(json).build()).build(), Echo.class);
    }

    private HttpClient client(Config config) {
        return new DefaultHttpClientBuilder().config(config).okHttpClient(toThisServer()).build();
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        headers.addHeader("Content-Type", "application/json");
        return headers;
    }

    /** §5.6: an application interceptor sends the SDK's api.mch.weixin.qq.com calls here, over plain HTTP/1.1. */
    private OkHttpClient toThisServer() {
        return new OkHttpClient.Builder().addInterceptor(chain -> {
            Request original = chain.request();
            HttpUrl local = original.url().newBuilder().scheme("http").host("127.0.0.1").port(port).build();
            return chain.proceed(original.newBuilder().url(local).build());
        }).build();
    }
}
