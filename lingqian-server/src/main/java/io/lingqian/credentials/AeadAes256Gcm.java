package io.lingqian.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code AEAD_AES_256_GCM} as WeChat Pay uses it to send merchants certificates and notifications
 * (reference §2.3, §8): the merchant's APIv3 key (32 ASCII bytes) is the key, a 12-character nonce
 * is the IV, the associated data is bound in, and the 128-bit tag is appended to the ciphertext.
 */
public final class AeadAes256Gcm {

    public static final String ALGORITHM = "AEAD_AES_256_GCM";
    private static final String NONCE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AeadAes256Gcm() {
    }

    /** A fresh 12-character nonce; never reuse one with the same key. */
    public static String newNonce() {
        StringBuilder nonce = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            nonce.append(NONCE_ALPHABET.charAt(RANDOM.nextInt(NONCE_ALPHABET.length())));
        }
        return nonce.toString();
    }

    /** Base64 of ciphertext ‖ tag. */
    public static String encrypt(String apiV3Key, String nonce, String associatedData, String plaintext) {
        byte[] key = apiV3Key.getBytes(StandardCharsets.UTF_8);
        if (key.length != 32) {
            throw new IllegalArgumentException("an APIv3 key is 32 bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is available on every JDK", e);
        }
    }
}
