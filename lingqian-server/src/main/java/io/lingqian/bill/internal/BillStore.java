package io.lingqian.bill.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.bill.BillDownload;
import io.lingqian.bill.BillFile;
import io.lingqian.bill.BillKind;

/** The SQL for {@code bill_file}, {@code bill_file_chunk} and {@code bill_download}. */
@Repository
public class BillStore {

    private static final String FILE_COLUMNS = "id, merchant_id, bill_date, kind, sha1, size_bytes, records, chunks, deflated, crc32";
    private static final String NO_HASH_YET = "0".repeat(40);

    private final JdbcClient jdbc;

    BillStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims (merchant, day, kind) for a file about to be generated in this transaction. A concurrent
     * generator of the same bill waits here until this transaction ends, then gets a DuplicateKeyException.
     */
    public long insertFile(long merchantId, LocalDate day, BillKind kind, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO bill_file (merchant_id, bill_date, kind, sha1, size_bytes, records, chunks, created_at)
                VALUES (:m, :day, :kind, :sha1, 0, 0, 0, :now)""")
                .param("m", merchantId).param("day", day).param("kind", kind.name()).param("sha1", NO_HASH_YET)
                .param("now", utc(now)).update(key, "id");
        return key.getKey().longValue();
    }

    public void insertChunk(long fileId, int chunkNo, byte[] data) {
        jdbc.sql("INSERT INTO bill_file_chunk (file_id, chunk_no, data) VALUES (:f, :n, :d)")
                .param("f", fileId).param("n", chunkNo).param("d", data).update();
    }

    public void complete(long fileId, String sha1, long sizeBytes, long records, int chunks, long crc32) {
        jdbc.sql("""
                UPDATE bill_file SET sha1 = :sha1, size_bytes = :size, records = :records, chunks = :chunks,
                    deflated = TRUE, crc32 = :crc WHERE id = :id""")
                .param("sha1", sha1).param("size", sizeBytes).param("records", records).param("chunks", chunks)
                .param("crc", crc32).param("id", fileId).update();
    }

    public Optional<BillFile> find(long merchantId, LocalDate day, BillKind kind) {
        return jdbc.sql("SELECT " + FILE_COLUMNS + " FROM bill_file WHERE merchant_id = :m AND bill_date = :day AND kind = :kind")
                .param("m", merchantId).param("day", day).param("kind", kind.name())
                .query(BillStore::file).optional();
    }

    public byte[] chunk(long fileId, int chunkNo) {
        return jdbc.sql("SELECT data FROM bill_file_chunk WHERE file_id = :f AND chunk_no = :n")
                .param("f", fileId).param("n", chunkNo).query((rs, n) -> rs.getBytes(1)).single();
    }

    public void insertDownload(String token, long fileId, long merchantId, boolean gzip, Instant expiresAt) {
        jdbc.sql("INSERT INTO bill_download (token, file_id, merchant_id, gzip, expires_at) VALUES (:t, :f, :m, :g, :e)")
                .param("t", token).param("f", fileId).param("m", merchantId).param("g", gzip)
                .param("e", utc(expiresAt)).update();
    }

    /** Forgets the merchant's links that no longer work, so the table holds only live ones. */
    public void deleteExpiredDownloads(long merchantId, Instant now) {
        jdbc.sql("DELETE FROM bill_download WHERE merchant_id = :m AND expires_at <= :now")
                .param("m", merchantId).param("now", utc(now)).update();
    }

    /** The merchant's live link with this token; another merchant's token is not found. */
    public Optional<BillDownload> download(long merchantId, String token, Instant now) {
        return jdbc.sql("""
                SELECT d.token, d.gzip, d.expires_at, f.id, f.merchant_id, f.bill_date, f.kind, f.sha1, f.size_bytes,
                       f.records, f.chunks, f.deflated, f.crc32
                FROM bill_download d JOIN bill_file f ON f.id = d.file_id
                WHERE d.token = :t AND d.merchant_id = :m AND d.expires_at > :now""")
                .param("t", token).param("m", merchantId).param("now", utc(now))
                .query((rs, n) -> new BillDownload(rs.getString("token").strip(), file(rs, n), rs.getBoolean("gzip"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    private static BillFile file(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new BillFile(rs.getLong("id"), rs.getLong("merchant_id"), rs.getObject("bill_date", LocalDate.class),
                BillKind.valueOf(rs.getString("kind")), rs.getString("sha1").strip(), rs.getLong("size_bytes"),
                rs.getLong("records"), rs.getInt("chunks"), rs.getBoolean("deflated"), rs.getLong("crc32"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
