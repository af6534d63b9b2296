package io.lingqian.platform.crypto.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.lingqian.platform.crypto.FieldCipher;

/** The field keys' state and the sealed values, in SQL that runs on PostgreSQL and H2 alike. */
@Repository
public class FieldKeyStore {

    /** A key's recorded status. */
    public record KeyState(String keyId, String status, Instant changedAt, String changedBy) {
    }

    /** A sealed value and the primary key of its row. */
    public record SealedValue(Object primaryKey, String sealed) {
    }

    // Long enough for every sealed value (a sealed 2048-bit PEM key is about 2,300 characters), so
    // TEXT columns compare as text on H2 too.
    private static final String AS_TEXT = "CAST(%s AS VARCHAR(20000))";

    private final JdbcClient jdbc;

    public FieldKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<KeyState> states() {
        return jdbc.sql("SELECT key_id, status, changed_at, changed_by FROM field_key_state ORDER BY key_id")
                .query((rs, n) -> new KeyState(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)))
                .list();
    }

    public void record(String keyId, String status, Instant at, String by) {
        int updated = jdbc.sql("UPDATE field_key_state SET status = :s, changed_at = :at, changed_by = :by WHERE key_id = :k")
                .param("s", status).param("at", utc(at)).param("by", by).param("k", keyId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO field_key_state (key_id, status, changed_at, changed_by) VALUES (:k, :s, :at, :by)")
                    .param("k", keyId).param("s", status).param("at", utc(at)).param("by", by).update();
        }
    }

    /** How many values of the column the key sealed. */
    public long countSealedWith(SealedColumns.Column c, String keyId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + c.table() + " WHERE " + text(c) + " LIKE :p ESCAPE '\\'")
                .param("p", like(keyId)).query(Long.class).single();
    }

    /** How many values the column holds. */
    public long countValues(SealedColumns.Column c) {
        return jdbc.sql("SELECT COUNT(" + c.column() + ") FROM " + c.table()).query(Long.class).single();
    }

    /** Up to {@code limit} values not sealed with the key, after the given primary key (null: from the start). */
    public List<SealedValue> notSealedWith(SealedColumns.Column c, String keyId, Object after, int limit) {
        String sql = "SELECT " + c.primaryKey() + ", " + text(c) + " FROM " + c.table() + " WHERE " + c.column()
                + " IS NOT NULL AND " + text(c) + " NOT LIKE :p ESCAPE '\\'"
                + (after == null ? "" : " AND " + c.primaryKey() + " > :after")
                + " ORDER BY " + c.primaryKey() + " LIMIT " + limit;
        JdbcClient.StatementSpec spec = jdbc.sql(sql).param("p", like(keyId));
        if (after != null) {
            spec = spec.param("after", after);
        }
        return spec.query((rs, n) -> new SealedValue(rs.getObject(1), rs.getString(2))).list();
    }

    /** Replaces the value only if the row still holds the one that was read (a writer may have been faster). */
    public boolean replace(SealedColumns.Column c, Object primaryKey, String expected, String replacement) {
        return jdbc.sql("UPDATE " + c.table() + " SET " + c.column() + " = :v WHERE " + c.primaryKey() + " = :k AND "
                        + text(c) + " = :old")
                .param("v", replacement).param("k", primaryKey).param("old", expected).update() == 1;
    }

    private static String text(SealedColumns.Column c) {
        return AS_TEXT.formatted(c.column());
    }

    private static String like(String keyId) {
        return FieldCipher.prefix(keyId).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
