package io.lingqian.bench.crash;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The merchant's side of the WeChat Pay-compatible API v3: requests signed with
 * {@code WECHATPAY2-SHA256-RSA2048} and notifications decrypted with the APIv3 key.
 */
final class MerchantApi {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final String mchid;
    private final String serialNo;
    private final PrivateKey privateKey;
    private final byte[] apiV3Key;

    MerchantApi(String baseUrl, String mchid, String serialNo, PrivateKey privateKey, String apiV3Key) {
        this.baseUrl = baseUrl;
        this.mchid = mchid;
        this.serialNo = serialNo;
        this.privateKey = privateKey;
        this.apiV3Key = apiV3Key.getBytes(StandardCharsets.UTF_8);
    }

    String mchid() {
        return mchid;
    }

    /** A signed request; call again for every attempt so the timestamp and nonce are fresh. */
    HttpRequest request(String method, String pathAndQuery, String body) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes).toUpperCase();
        String message = method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + (body == null ? "" : body) + "\n";
        String authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + mchid + "\",nonce_str=\"" + nonce
                + "\",signature=\"" + sign(message) + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + serialNo + "\"";
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** The plaintext of a notification's {@code resource} (AEAD_AES_256_GCM with the APIv3 key). */
    String decrypt(String associatedData, String nonce, String ciphertext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(apiV3Key, "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            if (associatedData != null) {
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return new String(cipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a notification that does not decrypt with our APIv3 key", e);
        }
    }

    private String sign(String message) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
