package io.lingqian.credentials.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * RSA keys, X.509 certificates and PEM text, with BouncyCastle building and parsing the ASN.1 and the
 * JDK doing the cryptography (no provider is registered globally).
 */
public final class KeyMaterial {

    /** What WeChat Pay uses for every signing key (SHA256-RSA2048). */
    public static final int RSA_BITS = 2048;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

    private KeyMaterial() {
    }

    public static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is available on every JDK", e);
        }
    }

    /**
     * A random positive serial of 159 bits with the top bit set: always 40 hex digits, as WeChat Pay's
     * platform serials are, and within the 20 octets X.509 allows.
     */
    public static BigInteger newSerial() {
        return new BigInteger(159, RANDOM).setBit(158);
    }

    /** The serial as the SDKs spell it ({@code BigInteger.toString(16).toUpperCase()}). */
    public static String serialHex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    /** A self-signed certificate authority. */
    public static X509Certificate selfSignedAuthority(KeyPair keys, String commonName, Instant notBefore,
            Instant notAfter) {
        X500Name name = name(commonName, null);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, newSerial(),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a CA certificate", e);
        }
    }

    /** An end-entity signing certificate issued by {@code issuer}. */
    public static X509Certificate issue(X509Certificate issuer, PrivateKey issuerKey, String commonName,
            String organisationalUnit, PublicKey subjectKey, BigInteger serial, Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), name(commonName, organisationalUnit), subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(
                            KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer));
            return sign(builder, issuerKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws CertificateException {
        try {
            return CERTIFICATES.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("SHA256withRSA is available on every JDK", e);
        }
    }

    private static X500Name name(String commonName, String organisationalUnit) {
        StringBuilder name = new StringBuilder("CN=").append(escape(commonName));
        if (organisationalUnit != null) {
            name.append(",OU=").append(escape(organisationalUnit));
        }
        return new X500Name(name.append(",O=Lingqian,C=CN").toString());
    }

    /** RFC 4514 escaping, so a merchant name with a comma cannot add attributes to a subject. */
    private static String escape(String value) {
        return value.replaceAll("([,+\"\\\\<>;=#])", "\\\\$1");
    }

    /** PEM text: {@code CERTIFICATE}, {@code PUBLIC KEY} (SPKI) or, for a private key, PKCS#8 {@code PRIVATE KEY}. */
    public static String pem(Object value) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(value instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** What a PEM text holds, once parsed: a certificate, a bare public key, or a private key. */
    public sealed interface Parsed permits Certificate, BarePublicKey, Private {
    }

    public record Certificate(X509Certificate certificate) implements Parsed {
    }

    public record BarePublicKey(PublicKey key) implements Parsed {
    }

    public record Private(PrivateKey key) implements Parsed {
    }

    /**
     * Parses the first PEM object of the text.
     *
     * @throws IllegalArgumentException when the text holds no certificate or key PEM can describe
     */
    public static Parsed parse(String text) {
        try (PEMParser parser = new PEMParser(new StringReader(text == null ? "" : text.strip()))) {
            Object object = parser.readObject();
            if (object instanceof X509CertificateHolder holder) {
                return new Certificate(CERTIFICATES.getCertificate(holder));
            }
            if (object instanceof SubjectPublicKeyInfo info) {
                return new BarePublicKey(KEYS.getPublicKey(info));
            }
            if (object instanceof PrivateKeyInfo info) {
                return new Private(KEYS.getPrivateKey(info));
            }
            if (object instanceof PEMKeyPair pair) {
                return new Private(KEYS.getPrivateKey(pair.getPrivateKeyInfo()));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable PEM certificate or key");
        }
        throw new IllegalArgumentException("no PEM certificate or key found (expected -----BEGIN CERTIFICATE----- "
                + "or -----BEGIN PUBLIC KEY-----)");
    }

    public static PrivateKey privateKey(String pem) {
        if (parse(pem) instanceof Private p) {
            return p.key();
        }
        throw new IllegalArgumentException("not a PEM private key");
    }

    public static PublicKey publicKey(String pem) {
        Parsed parsed = parse(pem);
        if (parsed instanceof BarePublicKey k) {
            return k.key();
        }
        if (parsed instanceof Certificate c) {
            return c.certificate().getPublicKey();
        }
        throw new IllegalArgumentException("not a PEM public key");
    }

    public static X509Certificate certificate(String pem) {
        if (parse(pem) instanceof Certificate c) {
            return c.certificate();
        }
        throw new IllegalArgumentException("not a PEM certificate");
    }

    /** The RSA modulus size, or 0 for another kind of key. */
    public static int rsaBits(PublicKey key) {
        return key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 0;
    }

    /** The serial Lingqian gives a bare public key: the SHA-1 of its encoding, upper-case hex (40 digits, like a certificate serial). */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is available on every JDK", e);
        }
    }
}
