package io.lingqian.credentials.internal;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.platform.crypto.FieldCipher;

/**
 * Lingqian's two certificate authorities, each created on first use and then kept for good: the root
 * CA issues the platform certificates, the merchant CA issues the API certificates Lingqian generates
 * for merchants (kept apart so that neither kind of certificate can pass for the other).
 */
@Component
public class CertificateAuthorities {

    public enum Name {
        ROOT("Lingqian Root CA"),
        MERCHANT("Lingqian Merchant CA");

        private final String commonName;

        Name(String commonName) {
            this.commonName = commonName;
        }
    }

    /** A CA's certificate and private key, opened. */
    public record Authority(X509Certificate certificate, PrivateKey privateKey) {
    }

    static final String SEAL_PURPOSE = "credentials.authority_key";
    private static final Duration VALIDITY = Duration.ofDays(20 * 365);

    private final CredentialStore store;
    private final FieldCipher cipher;
    private final Clock clock;
    /** A CA never changes once created, so each instance opens its key once. */
    private final Map<Name, Authority> opened = new ConcurrentHashMap<>();
    /**
     * A CA is created in a transaction of its own: the opened one is kept in memory for good, so its
     * row must not roll back with whatever caller happened to need it first (the demo seed, say).
     */
    private final TransactionTemplate own;

    CertificateAuthorities(CredentialStore store, FieldCipher cipher, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public Authority authority(Name name) {
        return opened.computeIfAbsent(name, this::loadOrCreate);
    }

    private Authority loadOrCreate(Name name) {
        CredentialStore.AuthorityRow row = own.execute(status -> createIfAbsent(name));
        return new Authority(KeyMaterial.certificate(row.certificatePem()),
                KeyMaterial.privateKey(cipher.open(row.privateKeySealed(), SEAL_PURPOSE)));
    }

    private CredentialStore.AuthorityRow createIfAbsent(Name name) {
        if (store.findAuthority(name.name()).isEmpty()) {
            KeyPair keys = KeyMaterial.newRsaKeyPair();
            Instant now = clock.instant();
            X509Certificate certificate = KeyMaterial.selfSignedAuthority(keys, name.commonName, now,
                    now.plus(VALIDITY));
            // Two instances starting at once both get here; the primary key keeps the first CA only.
            store.insertAuthorityIfAbsent(name.name(), KeyMaterial.pem(certificate),
                    cipher.seal(KeyMaterial.pem(keys.getPrivate()), SEAL_PURPOSE), now);
        }
        return store.findAuthority(name.name()).orElseThrow();
    }
}
