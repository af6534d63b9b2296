package io.lingqian.credentials;

/**
 * How a merchant verifies Lingqian's signatures on what it is sent unasked (notifications), which
 * decides the platform key named in their {@code Wechatpay-Serial}. Responses need no such setting:
 * each request names the key it verifies with. WeChat Pay decides this by the merchant's migration to
 * public keys; here the merchant says it in the portal.
 */
public enum PlatformVerification {

    /** {@code RSAPublicKeyConfig}: the platform public key, named {@code PUB_KEY_ID_…}. The default. */
    PUBLIC_KEY("platform public key (PUB_KEY_ID_…)"),

    /** {@code RSAAutoCertificateConfig}: the platform certificates from {@code GET /v3/certificates}, named by serial. */
    CERTIFICATE("platform certificate (downloaded from /v3/certificates)");

    private final String displayName;

    PlatformVerification(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The name of {@code key} that a merchant verifying this way looks it up by. */
    public String keyName(PlatformKey key) {
        return this == CERTIFICATE ? key.serialNo() : key.publicKeyId();
    }
}
