package io.lingqian.api.v3;

import static io.lingqian.api.v3.SdkClients.WECHAT;
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

/**
 * The official wechatpay-java SDK, unchanged, against the running server, pointed at it the way the
 * reference §5.6 shows. The SDK verifies every 2xx response's signature, timestamp and headers itself
 * and throws when any is wrong, so each successful call here proves the response checklist C1–C6.
 */
@DemoEnvironmentTest
class OfficialSdkTests {

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
        RSAAutoCertificateConfig config = SdkClients.certificateMode(merchant.credentials(), port);

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
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(merchant.credentials(), key);

        HttpResponse<Echo> response = post(config, "{\"mchid\":\"" + merchant.mchid() + "\",\"description\":\"零钱 coffee\"}");

        assertThat(response.getServiceResponse().received).containsEntry("description", "零钱 coffee");
        assertThat(response.getHeaders().getHeader("Wechatpay-Serial")).isEqualTo(key.publicKeyId());
    }

    @Test
    void anEmpty204IsSignedToo() {
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred());

        HttpResponse<Object> response = SdkClients.http(config, port).execute(new HttpRequest.Builder()
                .httpMethod(HttpMethod.POST).url(WECHAT + SignedProbeController.EMPTY).headers(jsonHeaders())
                .body(new JsonRequestBody.Builder().body("{}").build()).build(), Object.class);

        assertThat(response.getHeaders().getHeader("Wechatpay-Signature")).isNotBlank();
        assertThat(response.getHeaders().getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void aQueryIsSignedOverTheRawTargetInTheSdksParameterOrder() {
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred());
        String query = "?mchid=" + merchant.mchid() + "&b=%E9%9B%B6&a=1";

        HttpResponse<Echo> response = SdkClients.http(config, port).execute(new HttpRequest.Builder()
                .httpMethod(HttpMethod.GET).url(WECHAT + SignedProbeController.ECHO + query).headers(jsonHeaders())
                .build(), Echo.class);

        assertThat(response.getServiceResponse().query).isEqualTo(query.substring(1));
    }

    @Test
    void aRefusalReachesTheMerchantsCodeAsServiceExceptionWithCodeAndMessage() {
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred());

        assertThatThrownBy(() -> SdkClients.http(config, port).execute(new HttpRequest.Builder()
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
        RSAPublicKeyConfig config = SdkClients.publicKeyMode(merchant.credentials(), platformKeys.preferred());
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

    private HttpResponse<Echo> post(Config config, String json) {
        return SdkClients.http(config, port).execute(new HttpRequest.Builder()
                .httpMethod(HttpMethod.POST).url(WECHAT + SignedProbeController.ECHO).headers(jsonHeaders())
                .body(new JsonRequestBody.Builder().body(json).build()).build(), Echo.class);
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        headers.addHeader("Content-Type", "application/json");
        return headers;
    }
}
