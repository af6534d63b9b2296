package io.lingqian.credentials;

/**
 * A signature by a platform key.
 *
 * @param serial    what goes into {@code Wechatpay-Serial}: the certificate serial, or the
 *                  {@code PUB_KEY_ID_…} when the caller asked for the key by that id
 * @param signature base64 of SHA256withRSA over the message
 */
public record PlatformSignature(String serial, String signature) {
}
