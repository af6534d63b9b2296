package io.lingqian.api.v2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

import org.apache.http.impl.conn.SystemDefaultDnsResolver;

import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;

import io.lingqian.api.v3.ApiV3Credentials;
import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.TestKeys;

/**
 * WxJava (weixin-java-pay), unchanged, pointed at the running test server. Over the v2 XML protocol it
 * takes a base URL, so it calls {@code http://127.0.0.1:<port>}; in APIv3 mode it signs only for hosts
 * under {@code .mch.weixin.qq.com}, so it keeps WeChat's host name and resolves it to this machine
 * (reference §5.6 option B). Tests build their client here and say only what is theirs.
 */
public final class WxPayClients {

    private WxPayClients() {
    }

    /**
     * A merchant's (or a service provider's) v2 credentials: the appid it pays under, its mchid, its v2
     * API key, and its API certificate as the PKCS#12 (password: the mchid) from which WxJava builds an
     * SSLContext for reverse, red packets and transfers, even over plain HTTP; {@code null} where a test
     * makes no such call.
     */
    public record V2Signer(String appid, String mchid, String v2Key, byte[] apiCertificate) {

        /** Resets the merchant's v2 key and generates an API certificate, as a merchant does in its portal. */
        public static V2Signer issue(MerchantCredentials credentials, long merchantId, String mchid, String appid) {
            String v2Key = credentials.resetApiV2Key(merchantId);
            MerchantCertificate certificate = credentials.generate(merchantId);
            String privateKey = credentials.takePrivateKey(merchantId, certificate.id()).orElseThrow();
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("1", TestKeys.privateKey(privateKey), mchid.toCharArray(),
                        new Certificate[] {TestKeys.certificate(certificate.certificatePem().orElseThrow())});
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                store.store(out, mchid.toCharArray());
                return new V2Signer(appid, mchid, v2Key, out.toByteArray());
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("could not pack the API certificate as PKCS#12", e);
            }
        }
    }

    /** A v2 client signing as {@code signer} with its own key and WxJava's default sign type; see {@link V2}. */
    public static V2 v2(V2Signer signer, int port) {
        return new V2(signer, port);
    }

    /** The v2 client's variants: another sign type, another key, or a provider acting for its shop. */
    public static final class V2 {

        private final WxPayConfig config = new WxPayConfig();

        private V2(V2Signer signer, int port) {
            config.setAppId(signer.appid());
            config.setMchId(signer.mchid());
            config.setMchKey(signer.v2Key());
            config.setPayBaseUrl("http://127.0.0.1:" + port);
            config.setKeyContent(signer.apiCertificate());
        }

        /** Signs with {@code signType} ({@code MD5} or {@code HMAC-SHA256}) and names it in each request. */
        public V2 signType(String signType) {
            config.setSignType(signType);
            return this;
        }

        /** Signs with {@code v2Key} instead of the merchant's own key, to see a wrong signature refused. */
        public V2 key(String v2Key) {
            config.setMchKey(v2Key);
            return this;
        }

        /** A service provider calling for its shop: {@code sub_mch_id}, and {@code sub_appid} when not null. */
        public V2 forShop(String subMchid, String subAppidOrNull) {
            config.setSubMchId(subMchid);
            config.setSubAppId(subAppidOrNull);
            return this;
        }

        public WxPayService build() {
            WxPayService service = new WxPayServiceImpl();
            service.setConfig(config);
            return service;
        }
    }

    /**
     * WxJava in APIv3 public-key mode, signing as {@code signer}: WeChat's host name resolved to the
     * loopback address, so that WxJava signs requests, verifies answers with {@code platformKey} and
     * encrypts sensitive fields with it.
     */
    public static WxPayService apiV3(ApiV3Credentials signer, PlatformKey platformKey, int port) {
        WxPayConfig config = new WxPayConfig();
        config.setMchId(signer.mchid());
        config.setApiV3Key(signer.apiV3Key());
        config.setCertSerialNo(signer.serialNo());
        config.setPrivateKeyContent(signer.privateKeyPem().getBytes(StandardCharsets.UTF_8));
        config.setPublicKeyId(platformKey.publicKeyId());
        config.setPublicKeyContent(platformKey.publicKeyPem().getBytes(StandardCharsets.UTF_8));
        config.setPayBaseUrl("http://api.mch.weixin.qq.com:" + port);
        config.setApiV3HttpClientBuilderCustomizer(builder -> builder.setDnsResolver(new SystemDefaultDnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
        }));
        WxPayService service = new WxPayServiceImpl();
        service.setConfig(config);
        return service;
    }
}
