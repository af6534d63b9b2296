package io.lingqian.credentials;

/**
 * A platform signature in WeChat Pay's v3 form (reference §2.1): the signed message is
 * {@code TIMESTAMP\nNONCE\nBODY\n}. Signed responses and notifications carry it in the headers named
 * here, in exactly this case (the SDKs look them up case-sensitively, C2).
 *
 * @param timestamp Unix seconds, decimal
 * @param nonce     32 random alphanumerics
 * @param signature base64 of SHA256withRSA over the message
 * @param serial    the certificate serial or {@code PUB_KEY_ID_…} of the key used
 */
public record V3Signature(String timestamp, String nonce, String signature, String serial) {

    public static final String TIMESTAMP_HEADER = "Wechatpay-Timestamp";
    public static final String NONCE_HEADER = "Wechatpay-Nonce";
    public static final String SIGNATURE_HEADER = "Wechatpay-Signature";
    public static final String SERIAL_HEADER = "Wechatpay-Serial";
}
