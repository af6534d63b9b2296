package io.lingqian.api.v2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The v2 signature (reference §5.1): every parameter with a non-empty value except {@code sign},
 * sorted by name (ASCII), joined as {@code k=v&…}, then {@code &key=<v2 API key>}; MD5 of that, or
 * HMAC-SHA256 keyed with the v2 API key, as upper-case hex. {@code sign_type} itself is signed when present.
 */
enum V2SignType {
    MD5("MD5"),
    HMAC_SHA256("HMAC-SHA256");

    private final String wireName;

    V2SignType(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** {@code sign_type} as sent: absent or empty is MD5 (WeChat's default); an unknown one is empty. */
    static Optional<V2SignType> of(String signType) {
        if (signType == null || signType.isEmpty()) {
            return Optional.of(MD5);
        }
        for (V2SignType t : values()) {
            if (t.wireName.equals(signType)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    String sign(Map<String, String> fields, String key) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((name, value) -> {
            if (!"sign".equals(name) && value != null && !value.isEmpty()) {
                text.append(name).append('=').append(value).append('&');
            }
        });
        text.append("key=").append(key);
        byte[] message = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest;
            if (this == MD5) {
                digest = MessageDigest.getInstance("MD5").digest(message);
            } else {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                digest = mac.doFinal(message);
            }
            return HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + wireName, e);
        }
    }

    /** Compares in constant time, so the answer's timing does not reveal how much of a forgery matched. */
    boolean verify(Map<String, String> fields, String key, String sign) {
        if (sign == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(fields, key).getBytes(StandardCharsets.US_ASCII),
                sign.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
