package io.lingqian.api.v3;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;

/**
 * What a merchant (or a service provider) holds to call APIv3: its mchid, an API certificate with the
 * private key it downloaded once, and its APIv3 key. Every SDK client in the tests is built from one.
 */
public record ApiV3Credentials(String mchid, MerchantCertificate certificate, String privateKeyPem, String apiV3Key) {

    /**
     * Sets a fresh APIv3 key for the merchant and generates a certificate whose private key is taken,
     * as a merchant does once in its portal; an earlier key or certificate of the merchant stays as it was.
     */
    public static ApiV3Credentials issue(MerchantCredentials credentials, long merchantId, String mchid) {
        String apiV3Key = MerchantCredentials.suggestApiV3Key();
        credentials.setApiV3Key(merchantId, apiV3Key);
        MerchantCertificate certificate = credentials.generate(merchantId);
        String privateKey = credentials.takePrivateKey(merchantId, certificate.id()).orElseThrow();
        return new ApiV3Credentials(mchid, certificate, privateKey, apiV3Key);
    }

    /** The serial the SDK names in each request's Authorization header. */
    public String serialNo() {
        return certificate.serialNo();
    }
}
