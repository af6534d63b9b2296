package io.lingqian.credentials.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL for the credentials tables. Sealed columns hold {@code FieldCipher} output only; callers
 * seal and open. Every merchant query names the merchant, so one merchant's id never reaches another's row.
 */
@Repository
public class CredentialStore {

    public record AuthorityRow(String certificatePem, String privateKeySealed) {
    }

    public record PlatformKeyListing(String serialNo, String publicKeyId, Integer preferred,
                                     OffsetDateTime notBefore, OffsetDateTime notAfter, OffsetDateTime createdAt,
                                     OffsetDateTime retiredAt) {
    }

    public record PlatformKeyEventRow(String serialNo, String action, long staffId, String staffName,
                                      OffsetDateTime at) {
    }

    public record PlatformKeyRow(long id, String serialNo, String publicKeyId, String certificatePem,
                                 String publicKeyPem, String privateKeySealed, Integer preferred,
                                 OffsetDateTime notBefore, OffsetDateTime notAfter) {
    }

    public record CertificateRow(long id, long merchantId, String serialNo, String origin, String certificatePem,
                                 String publicKeyPem, String pendingPrivateKeySealed, OffsetDateTime notBefore,
                                 OffsetDateTime notAfter, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }

    public record ApiKeyRow(String keySealed, OffsetDateTime updatedAt) {
    }

    private static final String PLATFORM_KEY_COLUMNS = "id, serial_no, public_key_id, certificate_pem, public_key_pem,"
            + " private_key_sealed, preferred, not_before, not_after";
    private static final String CERTIFICATE_COLUMNS = "id, merchant_id, serial_no, origin, certificate_pem,"
            + " public_key_pem, pending_private_key_sealed, not_before, not_after, created_at, revoked_at";

    private final JdbcClient jdbc;

    CredentialStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- authorities

    public Optional<AuthorityRow> findAuthority(String name) {
        return jdbc.sql("SELECT certificate_pem, private_key_sealed FROM credential_authority WHERE name = :name")
                .param("name", name).query(AuthorityRow.class).optional();
    }

    /** Inserts unless another instance got there first; the caller then reads the winner's row. */
    public void insertAuthorityIfAbsent(String name, String certificatePem, String privateKeySealed, Instant now) {
        jdbc.sql("""
                INSERT INTO credential_authority (name, certificate_pem, private_key_sealed, created_at)
                VALUES (:name, :certificatePem, :privateKeySealed, :now)
                ON CONFLICT DO NOTHING
                """)
                .param("name", name).param("certificatePem", certificatePem)
                .param("privateKeySealed", privateKeySealed).param("now", utc(now))
                .update();
    }

    // --- platform keys

    /** Keys not retired and not expired at {@code now}, the preferred one first, then the newest. */
    public List<PlatformKeyRow> activePlatformKeys(Instant now) {
        return jdbc.sql("SELECT " + PLATFORM_KEY_COLUMNS + " FROM platform_key"
                        + " WHERE retired_at IS NULL AND not_after > :now ORDER BY preferred, id DESC")
                .param("now", utc(now)).query(PlatformKeyRow.class).list();
    }

    /**
     * Adds a key. As the preferred one it takes the unique preferred slot, so when {@code ifNoneYet}
     * and another instance already holds the slot nothing is inserted and false is returned.
     */
    public boolean insertPlatformKey(String serialNo, String publicKeyId, String certificatePem, String publicKeyPem,
            String privateKeySealed, Instant notBefore, Instant notAfter, Instant now, boolean ifNoneYet) {
        String sql = """
                INSERT INTO platform_key (serial_no, public_key_id, certificate_pem, public_key_pem,
                    private_key_sealed, preferred, not_before, not_after, created_at)
                VALUES (:serialNo, :publicKeyId, :certificatePem, :publicKeyPem, :privateKeySealed, 1,
                    :notBefore, :notAfter, :now)
                """ + (ifNoneYet ? " ON CONFLICT DO NOTHING" : "");
        return jdbc.sql(sql)
                .param("serialNo", serialNo).param("publicKeyId", publicKeyId)
                .param("certificatePem", certificatePem).param("publicKeyPem", publicKeyPem)
                .param("privateKeySealed", privateKeySealed)
                .param("notBefore", utc(notBefore)).param("notAfter", utc(notAfter)).param("now", utc(now))
                .update() == 1;
    }

    public boolean anyPreferredPlatformKey() {
        return jdbc.sql("SELECT COUNT(*) FROM platform_key WHERE preferred = 1").query(Long.class).single() > 0;
    }

    public void clearPreferredPlatformKey() {
        jdbc.sql("UPDATE platform_key SET preferred = NULL WHERE preferred = 1").update();
    }

    /** Retires a key that is not the preferred one; true when it was active. */
    public boolean retirePlatformKey(String serialNo, Instant now) {
        return jdbc.sql("""
                UPDATE platform_key SET retired_at = :now
                WHERE serial_no = :serialNo AND preferred IS NULL AND retired_at IS NULL
                """)
                .param("serialNo", serialNo).param("now", utc(now)).update() == 1;
    }

    /** Every platform key with its state's columns, newest first. */
    public List<PlatformKeyListing> allPlatformKeys() {
        return jdbc.sql("SELECT serial_no, public_key_id, preferred, not_before, not_after, created_at, retired_at"
                        + " FROM platform_key ORDER BY id DESC")
                .query(PlatformKeyListing.class).list();
    }

    public void insertPlatformKeyEvent(String serialNo, String action, long staffId, String staffName, Instant at) {
        jdbc.sql("""
                INSERT INTO platform_key_event (serial_no, action, staff_id, staff_name, at)
                VALUES (:serialNo, :action, :staffId, :staffName, :at)
                """).param("serialNo", serialNo).param("action", action).param("staffId", staffId)
                .param("staffName", staffName).param("at", utc(at)).update();
    }

    /** The latest staff actions on platform keys, newest first. */
    public List<PlatformKeyEventRow> platformKeyEvents(int limit) {
        return jdbc.sql("SELECT serial_no, action, staff_id, staff_name, at FROM platform_key_event"
                        + " ORDER BY at DESC, id DESC LIMIT :limit")
                .param("limit", limit).query(PlatformKeyEventRow.class).list();
    }

    // --- APIv3 keys

    public Optional<ApiKeyRow> findApiKey(long merchantId) {
        return jdbc.sql("SELECT key_sealed, updated_at FROM merchant_api_key WHERE merchant_id = :merchantId")
                .param("merchantId", merchantId).query(ApiKeyRow.class).optional();
    }

    public void upsertApiKey(long merchantId, String keySealed, Instant now) {
        int updated = jdbc.sql("UPDATE merchant_api_key SET key_sealed = :keySealed, updated_at = :now"
                        + " WHERE merchant_id = :merchantId")
                .param("merchantId", merchantId).param("keySealed", keySealed).param("now", utc(now)).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO merchant_api_key (merchant_id, key_sealed, updated_at)"
                            + " VALUES (:merchantId, :keySealed, :now)")
                    .param("merchantId", merchantId).param("keySealed", keySealed).param("now", utc(now)).update();
        }
    }

    // --- v2 API keys (same shape as the APIv3 key's row)

    public Optional<ApiKeyRow> findApiV2Key(long merchantId) {
        return jdbc.sql("SELECT key_sealed, updated_at FROM merchant_api_v2_key WHERE merchant_id = :merchantId")
                .param("merchantId", merchantId).query(ApiKeyRow.class).optional();
    }

    public void upsertApiV2Key(long merchantId, String keySealed, Instant now) {
        int updated = jdbc.sql("UPDATE merchant_api_v2_key SET key_sealed = :keySealed, updated_at = :now"
                        + " WHERE merchant_id = :merchantId")
                .param("merchantId", merchantId).param("keySealed", keySealed).param("now", utc(now)).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO merchant_api_v2_key (merchant_id, key_sealed, updated_at)"
                            + " VALUES (:merchantId, :keySealed, :now)")
                    .param("merchantId", merchantId).param("keySealed", keySealed).param("now", utc(now)).update();
        }
    }

    // --- how the merchant verifies notifications (no row: the platform public key)

    public Optional<String> findPlatformVerification(long merchantId) {
        return jdbc.sql("SELECT mode FROM merchant_platform_verification WHERE merchant_id = :merchantId")
                .param("merchantId", merchantId).query(String.class).optional();
    }

    public void upsertPlatformVerification(long merchantId, String mode, Instant now) {
        int updated = jdbc.sql("UPDATE merchant_platform_verification SET mode = :mode, updated_at = :now"
                        + " WHERE merchant_id = :merchantId")
                .param("merchantId", merchantId).param("mode", mode).param("now", utc(now)).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO merchant_platform_verification (merchant_id, mode, updated_at)"
                            + " VALUES (:merchantId, :mode, :now)")
                    .param("merchantId", merchantId).param("mode", mode).param("now", utc(now)).update();
        }
    }

    // --- merchant certificates

    public long insertCertificate(long merchantId, String serialNo, String origin, String certificatePem,
            String publicKeyPem, String pendingPrivateKeySealed, Instant notBefore, Instant notAfter, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO merchant_certificate (merchant_id, serial_no, origin, certificate_pem, public_key_pem,
                    pending_private_key_sealed, not_before, not_after, created_at)
                VALUES (:merchantId, :serialNo, :origin, :certificatePem, :publicKeyPem, :pending,
                    :notBefore, :notAfter, :now)
                """)
                .param("merchantId", merchantId).param("serialNo", serialNo).param("origin", origin)
                .param("certificatePem", certificatePem, java.sql.Types.VARCHAR)
                .param("publicKeyPem", publicKeyPem)
                .param("pending", pendingPrivateKeySealed, java.sql.Types.VARCHAR)
                .param("notBefore", notBefore == null ? null : utc(notBefore), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("notAfter", notAfter == null ? null : utc(notAfter), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("now", utc(now))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public List<CertificateRow> certificates(long merchantId) {
        return jdbc.sql("SELECT " + CERTIFICATE_COLUMNS + " FROM merchant_certificate"
                        + " WHERE merchant_id = :merchantId ORDER BY id DESC")
                .param("merchantId", merchantId).query(CertificateRow.class).list();
    }

    public Optional<CertificateRow> certificate(long merchantId, long id) {
        return jdbc.sql("SELECT " + CERTIFICATE_COLUMNS + " FROM merchant_certificate"
                        + " WHERE merchant_id = :merchantId AND id = :id")
                .param("merchantId", merchantId).param("id", id).query(CertificateRow.class).optional();
    }

    /** The merchant's key with this serial (stored upper-case), revoked or not. */
    public Optional<CertificateRow> certificateBySerial(long merchantId, String serialUpperCase) {
        return jdbc.sql("SELECT " + CERTIFICATE_COLUMNS + " FROM merchant_certificate"
                        + " WHERE merchant_id = :merchantId AND serial_no = :serialNo")
                .param("merchantId", merchantId).param("serialNo", serialUpperCase)
                .query(CertificateRow.class).optional();
    }

    /**
     * Erases the waiting private key, but only if it is still the one read: of two concurrent
     * downloads exactly one gets it.
     */
    public boolean takePendingPrivateKey(long merchantId, long id, String sealedAsRead) {
        return jdbc.sql("""
                UPDATE merchant_certificate SET pending_private_key_sealed = NULL
                WHERE merchant_id = :merchantId AND id = :id AND pending_private_key_sealed = :sealed
                """)
                .param("merchantId", merchantId).param("id", id).param("sealed", sealedAsRead).update() == 1;
    }

    /** Revokes a key that is not yet revoked; a waiting private key is erased with it. */
    public boolean revokeCertificate(long merchantId, long id, Instant now) {
        return jdbc.sql("""
                UPDATE merchant_certificate SET revoked_at = :now, pending_private_key_sealed = NULL
                WHERE merchant_id = :merchantId AND id = :id AND revoked_at IS NULL
                """)
                .param("merchantId", merchantId).param("id", id).param("now", utc(now)).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
