package io.lingqian.platform.crypto;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encrypts sensitive fields at rest (card numbers, private keys, API keys) with AES-256-GCM.
 *
 * <p>A sealed value reads {@code v1:<keyId>:<base64(iv ‖ ciphertext ‖ tag)>}. The key id lets keys
 * rotate: new values are sealed with the active key, old ones still open with the key named in
 * them. The {@code purpose} (for example {@code "wallet.card_number"}) is bound in as associated
 * data, so a value copied into another column does not open there.
 *
 * <p>Rotation without downtime ({@link FieldKeys}): a configured key is made {@linkplain #makeCurrent
 * current} for new values while every other configured key still opens what it sealed; old values are
 * {@linkplain #reseal resealed} under the current key; a key nothing uses any more is
 * {@linkplain #retire retired} and opens nothing from then on.
 *
 * <p>{@link #blindIndex} gives a keyed hash for looking a value up (is this card bound already?)
 * without storing it in the clear; it is stable across key rotation because it uses the index key.
 */
public final class FieldCipher {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys;
    private volatile String activeKeyId;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys        key id → 32-byte AES key; ids are short names without ':'
     * @param activeKeyId the key new values are sealed with
     * @param indexKey    32 bytes for {@link #blindIndex}; never rotated (the index would change)
     */
    public FieldCipher(Map<String, byte[]> keys, String activeKeyId, byte[] indexKey) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key " + activeKeyId + " is not among the keys");
        }
        this.keys = new ConcurrentHashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != 32 || id.isEmpty() || id.contains(":")) {
                throw new IllegalArgumentException("key " + id + " must be 32 bytes with an id without ':'");
            }
            this.keys.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        if (indexKey.length != 32) {
            throw new IllegalArgumentException("the index key must be 32 bytes");
        }
        this.activeKeyId = activeKeyId;
        this.indexKey = new SecretKeySpec(indexKey.clone(), "HmacSHA256");
    }

    public String seal(String plaintext, String purpose) {
        String keyId = activeKeyId;
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is available on every JDK", e);
        }
    }

    /** Opens a sealed value; throws {@link IllegalArgumentException} if it was altered or sealed for another purpose. */
    public String open(String sealed, String purpose) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a sealed value");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalArgumentException("sealed with unknown key " + parts[1]);
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed value does not open (altered, or sealed for another purpose)");
        }
    }

    /** Whether the value was sealed with an older key and should be sealed again. */
    public boolean needsResealing(String sealed) {
        return !sealed.startsWith(prefix(activeKeyId));
    }

    /** The same plaintext sealed again under the current key (for the same purpose). */
    public String reseal(String sealed, String purpose) {
        return seal(open(sealed, purpose), purpose);
    }

    /** The key new values are sealed with. */
    public String currentKeyId() {
        return activeKeyId;
    }

    /** The ids of the keys that open values: the current one and every one not retired. */
    public Set<String> keyIds() {
        return new TreeSet<>(keys.keySet());
    }

    /** How a value sealed with the key starts: {@code v1:<keyId>:}. */
    public static String prefix(String keyId) {
        return VERSION + ":" + keyId + ":";
    }

    /** The id of the key a value names, if it is a sealed value at all. */
    public static Optional<String> keyIdOf(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
        return parts.length == 3 && VERSION.equals(parts[0]) ? Optional.of(parts[1]) : Optional.empty();
    }

    /**
     * Seals new values with another of the configured keys from now on; the others still open.
     *
     * @throws IllegalArgumentException if this installation has no such key (or it was retired)
     */
    public void makeCurrent(String keyId) {
        if (!keys.containsKey(keyId)) {
            throw new IllegalArgumentException("no key " + keyId + " is configured (lingqian.crypto.keys) or it is retired");
        }
        activeKeyId = keyId;
    }

    /**
     * Forgets a key: values it sealed no longer open. The caller makes sure none are left.
     *
     * @throws IllegalArgumentException if it is the current key
     */
    public void retire(String keyId) {
        if (keyId.equals(activeKeyId)) {
            throw new IllegalArgumentException("the current key " + keyId + " cannot be retired");
        }
        keys.remove(keyId);
    }

    /** A keyed SHA-256 (hex) of the value for equality lookups; the same value and purpose always give the same index. */
    public String blindIndex(String value, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is available on every JDK", e);
        }
    }
}
