package io.lingqian.credentials;

/** Where a merchant's API key came from. */
public enum CertificateOrigin {
    /** The merchant made the key pair and uploaded its certificate or public key. */
    UPLOADED,
    /** Lingqian made the key pair and a certificate signed by its merchant CA; the private key is downloaded once. */
    GENERATED
}
