package io.lingqian.bench.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/** Signs merchant API v3 requests the way the official SDKs do (SHA256withRSA, WECHATPAY2-SHA256-RSA2048). */
final class V3Signer {

    private final String mchid;
    private final String serialNo;
    private final PrivateKey key;

    V3Signer(Population.Merchant merchant) {
        this.mchid = merchant.mchid();
        this.serialNo = merchant.serialNo();
        this.key = privateKey(merchant.privateKeyPem());
    }

    /** The Authorization header of a request, signed now. */
    String authorization(String method, String pathAndQuery, String body) {
        long timestamp = System.currentTimeMillis() / 1000;
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String message = method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(s.sign());
            return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",timestamp=\""
                    + timestamp + "\",serial_no=\"" + serialNo + "\",signature=\"" + signature + "\"";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PKCS#8 RSA private key", e);
        }
    }
}
