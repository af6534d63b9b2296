package io.lingqian.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.credentials.internal.CertificateAuthorities;
import io.lingqian.credentials.internal.CredentialStore;
import io.lingqian.credentials.internal.CredentialStore.PlatformKeyRow;
import io.lingqian.credentials.internal.KeyMaterial;
import io.lingqian.platform.crypto.FieldCipher;

/**
 * Lingqian's own signing keys ("WeChat Pay platform" keys to a merchant's SDK). The first is created
 * on the first start; {@link #rotate()} adds a new preferred one while the older ones stay active (an
 * overlap, so merchants that cached the old certificate keep verifying) until they expire or are
 * {@link #retire(String) retired}.
 */
@Service
public class PlatformKeys {

    /** Real public-key ids are {@code PUB_KEY_ID_} and 32 digits. */
    public static final String PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";
    private static final String NONCE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom NONCE_RANDOM = new SecureRandom();
    static final String SEAL_PURPOSE = "credentials.platform_key";
    private static final Duration VALIDITY = Duration.ofDays(5 * 365);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(PlatformKeys.class);

    private final CredentialStore store;
    private final CertificateAuthorities authorities;
    private final FieldCipher cipher;
    private final Clock clock;
    /** Opened private keys by row id; a row's key never changes. */
    private final Map<Long, PrivateKey> opened = new ConcurrentHashMap<>();

    PlatformKeys(CredentialStore store, CertificateAuthorities authorities, FieldCipher cipher, Clock clock) {
        this.store = store;
        this.authorities = authorities;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Creates the CAs and the first platform key once the application is ready, so the first API call
     * does not wait for them. On a thread of its own: three RSA key pairs held a first start up by
     * seconds before it answered anything. A call that needs a key before then makes it itself; both
     * paths are safe to run at once (one preferred key, one CA of each name, by unique keys). Before
     * the demo seed, which needs them too.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void prepareInBackground() {
        Thread preparing = new Thread(() -> {
            try {
                active();
                authorities.authority(CertificateAuthorities.Name.MERCHANT);
            } catch (RuntimeException e) {
                log.warn("Could not prepare the platform keys ahead; the first call that needs them will", e);
            }
        }, "platform-keys");
        preparing.setDaemon(true);
        preparing.start();
    }

    /** The keys responses may be signed with, the preferred one first. */
    public List<PlatformKey> active() {
        List<PlatformKeyRow> rows = store.activePlatformKeys(clock.instant());
        if (rows.isEmpty() || rows.get(0).preferred() == null) {
            ensureFirstKey();
            rows = store.activePlatformKeys(clock.instant());
        }
        return rows.stream().map(PlatformKeys::toKey).toList();
    }

    public PlatformKey preferred() {
        return active().get(0);
    }

    /** The CA certificate (PEM) that issued the platform certificates, for merchants who check the chain. */
    public String rootCertificatePem() {
        return KeyMaterial.pem(authorities.authority(CertificateAuthorities.Name.ROOT).certificate());
    }

    /**
     * Signs {@code body} the v3 way (reference §2.1, §9.1) at {@code at} with a fresh nonce, with the
     * key {@code requestedKey} names as in {@link #sign}. Responses and notifications both use it.
     */
    public V3Signature signV3(String requestedKey, Instant at, byte[] body) {
        String timestamp = Long.toString(at.getEpochSecond());
        StringBuilder nonce = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            nonce.append(NONCE_ALPHABET.charAt(NONCE_RANDOM.nextInt(NONCE_ALPHABET.length())));
        }
        byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        message[message.length - 1] = '\n';
        PlatformSignature signature = sign(requestedKey, message);
        return new V3Signature(timestamp, nonce.toString(), signature.signature(), signature.serial());
    }

    /**
     * Signs with the key the caller names by certificate serial (any case) or public-key id, if it is
     * an active one of ours; otherwise with the preferred key, named by its certificate serial.
     */
    public PlatformSignature sign(String requestedKey, byte[] message) {
        List<PlatformKeyRow> rows = store.activePlatformKeys(clock.instant());
        if (rows.isEmpty()) {
            active();
            rows = store.activePlatformKeys(clock.instant());
        }
        PlatformKeyRow chosen = rows.get(0);
        String serial = chosen.serialNo();
        if (requestedKey != null && !requestedKey.isBlank()) {
            for (PlatformKeyRow row : rows) {
                if (row.serialNo().equalsIgnoreCase(requestedKey)) {
                    chosen = row;
                    serial = row.serialNo();
                    break;
                }
                if (row.publicKeyId().equals(requestedKey)) {
                    chosen = row;
                    serial = row.publicKeyId();
                    break;
                }
            }
        }
        PlatformKeyRow key = chosen;
        PrivateKey privateKey = opened.computeIfAbsent(key.id(),
                id -> KeyMaterial.privateKey(cipher.open(key.privateKeySealed(), SEAL_PURPOSE)));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update(message);
            return new PlatformSignature(serial, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is available on every JDK", e);
        }
    }

    /**
     * Decrypts a field a merchant encrypted with one of our platform public keys (reference §2.6:
     * RSA/ECB/OAEPWithSHA-1AndMGF1Padding, base64), such as {@code bank_account} in an abnormal
     * refund. The key is the one {@code keyName} (the request's {@code Wechatpay-Serial}) names, as in
     * {@link #sign}; the preferred one when it names none.
     *
     * @return the plaintext, or empty when the text is not base64 or does not decrypt with that key
     */
    public Optional<String> decrypt(String keyName, String ciphertextBase64) {
        List<PlatformKeyRow> rows = store.activePlatformKeys(clock.instant());
        if (rows.isEmpty()) {
            active();
            rows = store.activePlatformKeys(clock.instant());
        }
        PlatformKeyRow chosen = rows.get(0);
        if (keyName != null && !keyName.isBlank()) {
            chosen = rows.stream().filter(r -> r.serialNo().equalsIgnoreCase(keyName) || r.publicKeyId().equals(keyName))
                    .findFirst().orElse(null);
            if (chosen == null) {
                return Optional.empty();
            }
        }
        PlatformKeyRow key = chosen;
        PrivateKey privateKey = opened.computeIfAbsent(key.id(),
                id -> KeyMaterial.privateKey(cipher.open(key.privateKeySealed(), SEAL_PURPOSE)));
        try {
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            oaep.init(Cipher.DECRYPT_MODE, privateKey);
            return Optional.of(new String(oaep.doFinal(Base64.getDecoder().decode(ciphertextBase64)),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds a new key and makes it the preferred one; the others stay active.
     *
     * @return the new key
     */
    @Transactional
    public PlatformKey rotate() {
        store.clearPreferredPlatformKey();
        insertNewKey(false);
        return preferred();
    }

    /**
     * Stops signing with an older key at once (for a key that may have leaked). The preferred key
     * cannot be retired: rotate first.
     *
     * @throws IllegalArgumentException when no such non-preferred active key exists
     */
    @Transactional
    public void retire(String serialNo) {
        if (serialNo == null || !store.retirePlatformKey(serialNo.toUpperCase(java.util.Locale.ROOT), clock.instant())) {
            throw new IllegalArgumentException("There is no active platform key " + serialNo
                    + " other than the preferred one (rotate before retiring the preferred key).");
        }
    }

    /** Every platform key, newest first, with its state now: what staff manage. */
    public List<PlatformKeyStatus> all() {
        Instant now = clock.instant();
        return store.allPlatformKeys().stream().map(k -> new PlatformKeyStatus(k.serialNo(), k.publicKeyId(),
                k.notBefore().toInstant(), k.notAfter().toInstant(), k.createdAt().toInstant(),
                Optional.ofNullable(k.retiredAt()).map(OffsetDateTime::toInstant),
                k.retiredAt() != null ? PlatformKeyStatus.State.RETIRED
                        : !k.notAfter().toInstant().isAfter(now) ? PlatformKeyStatus.State.EXPIRED
                        : k.preferred() != null ? PlatformKeyStatus.State.PREFERRED
                        : PlatformKeyStatus.State.ACTIVE)).toList();
    }

    /** {@link #rotate()} by a member of staff, recorded. */
    @Transactional
    public PlatformKey rotate(long staffId, String staffName) {
        PlatformKey created = rotate();
        store.insertPlatformKeyEvent(created.serialNo(), PlatformKeyEvent.Action.ROTATED.name(), staffId, staffName,
                clock.instant());
        return created;
    }

    /**
     * {@link #retire(String)} by a member of staff, recorded. The last active key can never be
     * retired: the platform could sign nothing.
     *
     * @throws IllegalArgumentException for the last active key, the preferred key, or no such active key
     */
    @Transactional
    public void retire(String serialNo, long staffId, String staffName) {
        if (active().size() <= 1) {
            throw new IllegalArgumentException("The last active platform key cannot be retired; rotate first.");
        }
        retire(serialNo);
        store.insertPlatformKeyEvent(serialNo.toUpperCase(java.util.Locale.ROOT), PlatformKeyEvent.Action.RETIRED.name(),
                staffId, staffName, clock.instant());
    }

    /** Who rotated or retired which key, newest first. */
    public List<PlatformKeyEvent> history(int limit) {
        return store.platformKeyEvents(limit).stream().map(e -> new PlatformKeyEvent(e.serialNo(),
                PlatformKeyEvent.Action.valueOf(e.action()), e.staffId(), e.staffName(), e.at().toInstant())).toList();
    }

    private void ensureFirstKey() {
        if (!store.anyPreferredPlatformKey()) {
            // Another instance may insert at the same moment; the unique preferred slot keeps one.
            insertNewKey(true);
        }
    }

    private void insertNewKey(boolean ifNoneYet) {
        CertificateAuthorities.Authority root = authorities.authority(CertificateAuthorities.Name.ROOT);
        KeyPair keys = KeyMaterial.newRsaKeyPair();
        Instant now = clock.instant();
        X509Certificate certificate = KeyMaterial.issue(root.certificate(), root.privateKey(), "Lingqian Platform",
                "Lingqian Pay", keys.getPublic(), KeyMaterial.newSerial(), now, now.plus(VALIDITY));
        store.insertPlatformKey(KeyMaterial.serialHex(certificate), newPublicKeyId(), KeyMaterial.pem(certificate),
                KeyMaterial.pem(keys.getPublic()), cipher.seal(KeyMaterial.pem(keys.getPrivate()), SEAL_PURPOSE),
                now, now.plus(VALIDITY), now, ifNoneYet);
    }

    private static String newPublicKeyId() {
        StringBuilder id = new StringBuilder(PUBLIC_KEY_ID_PREFIX);
        for (int i = 0; i < 32; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    private static PlatformKey toKey(PlatformKeyRow row) {
        return new PlatformKey(row.serialNo(), row.publicKeyId(), row.certificatePem(), row.publicKeyPem(),
                row.notBefore().toInstant(), row.notAfter().toInstant(), row.preferred() != null);
    }
}
