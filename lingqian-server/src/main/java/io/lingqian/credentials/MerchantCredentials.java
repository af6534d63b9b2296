package io.lingqian.credentials;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.credentials.internal.CertificateAuthorities;
import io.lingqian.credentials.internal.CredentialStore;
import io.lingqian.credentials.internal.CredentialStore.CertificateRow;
import io.lingqian.credentials.internal.KeyMaterial;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.crypto.FieldCipher;

/**
 * A merchant's API credentials: its APIv3 key (which encrypts what Lingqian sends it), its v2 API key
 * (which signs the v2 XML protocol both ways) and the keys it signs v3 requests with. Every method takes the merchant's id and touches only that merchant's rows.
 *
 * <p>Secrets are shown once: the APIv3 key is chosen by the merchant and never returned to the portal
 * again; a generated private key is returned by {@link #takePrivateKey} once and then erased.
 */
@Service
public class MerchantCredentials {

    /** The APIv3 key is the AES-256 key itself, so exactly 32 one-byte characters; WeChat asks for letters and digits. */
    private static final Pattern API_V3_KEY = Pattern.compile("[0-9A-Za-z]{32}");
    private static final String API_KEY_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String API_KEY_PURPOSE = "credentials.apiv3_key";
    static final String API_V2_KEY_PURPOSE = "credentials.apiv2_key";
    static final String PRIVATE_KEY_PURPOSE = "credentials.merchant_private_key";
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(5 * 365);
    /** Enough for any real certificate chain; refuses megabytes pasted by mistake. */
    private static final int MAX_PEM_LENGTH = 16_384;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Enough for every active key of a large installation; past it the cache starts again. */
    private static final int PARSED_KEYS_KEPT = 10_000;

    private final Map<String, PublicKey> parsedKeys = new ConcurrentHashMap<>();
    private final CredentialStore store;
    private final CertificateAuthorities authorities;
    private final MerchantAccounts merchants;
    private final FieldCipher cipher;
    private final Clock clock;

    MerchantCredentials(CredentialStore store, CertificateAuthorities authorities, MerchantAccounts merchants,
            FieldCipher cipher, Clock clock) {
        this.store = store;
        this.authorities = authorities;
        this.merchants = merchants;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A random key of the right form, offered to the merchant (nothing is stored). */
    public static String suggestApiV3Key() {
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append(API_KEY_ALPHABET.charAt(RANDOM.nextInt(API_KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    /**
     * Sets or replaces the APIv3 key; the old one stops working at once.
     *
     * @throws IllegalArgumentException when the key is not 32 letters and digits (the message never repeats it)
     */
    @Transactional
    public void setApiV3Key(long merchantId, String key) {
        requireMchid(merchantId);
        if (key == null || !API_V3_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("An APIv3 key is exactly 32 letters and digits.");
        }
        store.upsertApiKey(merchantId, cipher.seal(key, API_KEY_PURPOSE), clock.instant());
    }

    /** When the APIv3 key was last set; empty if never. */
    public Optional<Instant> apiV3KeySetAt(long merchantId) {
        return store.findApiKey(merchantId).map(row -> row.updatedAt().toInstant());
    }

    /** The APIv3 key in clear, for encrypting notifications and certificates to the merchant. Never display it. */
    public Optional<String> apiV3Key(long merchantId) {
        return store.findApiKey(merchantId).map(row -> cipher.open(row.keySealed(), API_KEY_PURPOSE));
    }

    /**
     * Replaces the v2 API key (API密钥) with a new random one of 32 letters and digits and returns it,
     * for the merchant to copy once; the old key stops signing at once. WeChat lets the merchant type
     * one in; a generated key cannot be weak.
     */
    @Transactional
    public String resetApiV2Key(long merchantId) {
        requireMchid(merchantId);
        String key = suggestApiV3Key();
        store.upsertApiV2Key(merchantId, cipher.seal(key, API_V2_KEY_PURPOSE), clock.instant());
        return key;
    }

    /** When the v2 API key was last set; empty if never. */
    public Optional<Instant> apiV2KeySetAt(long merchantId) {
        return store.findApiV2Key(merchantId).map(row -> row.updatedAt().toInstant());
    }

    /** The v2 API key in clear, to check and make v2 signatures. Never display or log it. */
    public Optional<String> apiV2Key(long merchantId) {
        return store.findApiV2Key(merchantId).map(row -> cipher.open(row.keySealed(), API_V2_KEY_PURPOSE));
    }

    /** How the merchant verifies notifications; {@link PlatformVerification#PUBLIC_KEY} until it says otherwise. */
    public PlatformVerification platformVerification(long merchantId) {
        return store.findPlatformVerification(merchantId).map(PlatformVerification::valueOf)
                .orElse(PlatformVerification.PUBLIC_KEY);
    }

    /** Chooses how the merchant verifies notifications; the next delivery attempt is signed that way. */
    @Transactional
    public void setPlatformVerification(long merchantId, PlatformVerification mode) {
        requireMchid(merchantId);
        store.upsertPlatformVerification(merchantId, mode.name(), clock.instant());
    }

    public List<MerchantCertificate> certificates(long merchantId) {
        return store.certificates(merchantId).stream().map(MerchantCredentials::toCertificate).toList();
    }

    public Optional<MerchantCertificate> certificate(long merchantId, long certificateId) {
        return store.certificate(merchantId, certificateId).map(MerchantCredentials::toCertificate);
    }

    /**
     * Registers a certificate ({@code -----BEGIN CERTIFICATE-----}) or public key
     * ({@code -----BEGIN PUBLIC KEY-----}) the merchant made. A certificate keeps its own serial; a bare
     * public key gets the SHA-1 of its encoding as serial.
     *
     * @throws IllegalArgumentException when the text is not an RSA key of at least 2048 bits, the
     *                                  certificate has expired, or the key is registered already
     */
    @Transactional
    public MerchantCertificate register(long merchantId, String pem) {
        requireMchid(merchantId);
        if (pem == null || pem.isBlank() || pem.length() > MAX_PEM_LENGTH) {
            throw new IllegalArgumentException("Paste one PEM certificate or public key.");
        }
        Instant now = clock.instant();
        KeyMaterial.Parsed parsed = KeyMaterial.parse(pem);
        long id;
        if (parsed instanceof KeyMaterial.Certificate c) {
            X509Certificate certificate = c.certificate();
            requireRsa2048(certificate.getPublicKey());
            if (!certificate.getNotAfter().toInstant().isAfter(now)) {
                throw new IllegalArgumentException("This certificate expired on " + certificate.getNotAfter().toInstant() + ".");
            }
            id = insert(merchantId, KeyMaterial.serialHex(certificate), CertificateOrigin.UPLOADED,
                    KeyMaterial.pem(certificate), KeyMaterial.pem(certificate.getPublicKey()), null,
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now);
        } else if (parsed instanceof KeyMaterial.BarePublicKey k) {
            requireRsa2048(k.key());
            id = insert(merchantId, KeyMaterial.fingerprint(k.key()), CertificateOrigin.UPLOADED, null,
                    KeyMaterial.pem(k.key()), null, null, null, now);
        } else {
            throw new IllegalArgumentException("That is a private key: keep it to yourself and upload the certificate "
                    + "or public key instead.");
        }
        return certificate(merchantId, id).orElseThrow();
    }

    /**
     * Makes an RSA-2048 key pair and a certificate for it signed by Lingqian's merchant CA. The private
     * key waits, sealed, for its one download through {@link #takePrivateKey}.
     */
    @Transactional
    public MerchantCertificate generate(long merchantId) {
        Merchant merchant = requireMchid(merchantId);
        CertificateAuthorities.Authority ca = authorities.authority(CertificateAuthorities.Name.MERCHANT);
        KeyPair keys = KeyMaterial.newRsaKeyPair();
        Instant now = clock.instant();
        X509Certificate certificate = KeyMaterial.issue(ca.certificate(), ca.privateKey(), merchant.mchid().orElseThrow(),
                merchant.name(), keys.getPublic(), KeyMaterial.newSerial(), now, now.plus(CERTIFICATE_VALIDITY));
        long id = insert(merchantId, KeyMaterial.serialHex(certificate), CertificateOrigin.GENERATED,
                KeyMaterial.pem(certificate), KeyMaterial.pem(keys.getPublic()),
                cipher.seal(KeyMaterial.pem(keys.getPrivate()), PRIVATE_KEY_PURPOSE),
                now, now.plus(CERTIFICATE_VALIDITY), now);
        return certificate(merchantId, id).orElseThrow();
    }

    /**
     * The generated private key (PKCS#8 PEM), once: the stored copy is erased as it is handed out, so
     * a second call, or a call for another merchant's certificate, gets nothing.
     */
    @Transactional
    public Optional<String> takePrivateKey(long merchantId, long certificateId) {
        Optional<CertificateRow> row = store.certificate(merchantId, certificateId)
                .filter(r -> r.pendingPrivateKeySealed() != null);
        if (row.isEmpty() || !store.takePendingPrivateKey(merchantId, certificateId, row.get().pendingPrivateKeySealed())) {
            return Optional.empty();
        }
        return Optional.of(cipher.open(row.get().pendingPrivateKeySealed(), PRIVATE_KEY_PURPOSE));
    }

    /**
     * Revokes a key: the next request signed with it is refused.
     *
     * @return false when the merchant has no such unrevoked key
     */
    @Transactional
    public boolean revoke(long merchantId, long certificateId) {
        return store.revokeCertificate(merchantId, certificateId, clock.instant());
    }

    /**
     * The public key that verifies the merchant's requests signed under {@code serialNo} (any case),
     * if that key is registered, unrevoked and within its validity.
     */
    public Optional<PublicKey> verificationKey(long merchantId, String serialNo) {
        if (serialNo == null || serialNo.isEmpty() || serialNo.length() > 64) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.certificateBySerial(merchantId, serialNo.toUpperCase(Locale.ROOT))
                .map(MerchantCredentials::toCertificate)
                .filter(certificate -> certificate.activeAt(now))
                .map(certificate -> parsedKey(certificate.publicKeyPem()));
    }

    /**
     * The key of this PEM text, parsed once: every signed request needs it, and parsing a certificate
     * costs more than checking the signature. Keyed by the text itself, so the lookup above still
     * decides on every request whether the key is registered, unrevoked and valid.
     */
    private PublicKey parsedKey(String publicKeyPem) {
        if (parsedKeys.size() >= PARSED_KEYS_KEPT) {
            parsedKeys.clear();
        }
        return parsedKeys.computeIfAbsent(publicKeyPem, KeyMaterial::publicKey);
    }

    /** The merchant CA's certificate (PEM), for merchants who check the chain of a generated certificate. */
    public String merchantCaCertificatePem() {
        return KeyMaterial.pem(authorities.authority(CertificateAuthorities.Name.MERCHANT).certificate());
    }

    private long insert(long merchantId, String serialNo, CertificateOrigin origin, String certificatePem,
            String publicKeyPem, String pendingSealed, Instant notBefore, Instant notAfter, Instant now) {
        if (store.certificateBySerial(merchantId, serialNo).isPresent()) {
            throw new IllegalArgumentException("A key with serial " + serialNo + " is registered already.");
        }
        try {
            return store.insertCertificate(merchantId, serialNo, origin.name(), certificatePem, publicKeyPem,
                    pendingSealed, notBefore, notAfter, now);
        } catch (DuplicateKeyException registeredConcurrently) {
            throw new IllegalArgumentException("A key with serial " + serialNo + " is registered already.");
        }
    }

    /** API credentials belong to merchants with a merchant number; an applicant gets one on approval. */
    private Merchant requireMchid(long merchantId) {
        Merchant merchant = merchants.merchant(merchantId)
                .orElseThrow(() -> new IllegalArgumentException("No such merchant."));
        if (merchant.mchid().isEmpty()) {
            throw new IllegalStateException("API credentials come with a merchant number (mchid), "
                    + "which is assigned when the application is approved.");
        }
        return merchant;
    }

    private static void requireRsa2048(PublicKey key) {
        if (KeyMaterial.rsaBits(key) < KeyMaterial.RSA_BITS) {
            throw new IllegalArgumentException("The key must be RSA with at least 2048 bits (WECHATPAY2-SHA256-RSA2048).");
        }
    }

    private static MerchantCertificate toCertificate(CertificateRow row) {
        return new MerchantCertificate(row.id(), row.serialNo(), CertificateOrigin.valueOf(row.origin()),
                Optional.ofNullable(row.certificatePem()), row.publicKeyPem(),
                Optional.ofNullable(row.notBefore()).map(OffsetDateTime::toInstant),
                Optional.ofNullable(row.notAfter()).map(OffsetDateTime::toInstant),
                row.createdAt().toInstant(), Optional.ofNullable(row.revokedAt()).map(OffsetDateTime::toInstant),
                row.pendingPrivateKeySealed() != null);
    }
}
