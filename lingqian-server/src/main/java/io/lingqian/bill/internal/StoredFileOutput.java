package io.lingqian.bill.internal;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Where a bill's bytes go as it is generated: digested (SHA-1 for WeChat's {@code hash_value}, CRC-32
 * for gzip's trailer), counted, and compressed as one raw DEFLATE stream into {@link ChunkOutput}.
 *
 * <p>Compressing at the fastest level costs the generator less than the database spends writing the
 * plain text (a bill's text compresses many times over), and the download of the same stream then
 * reads a few MB instead of hundreds. The deflater's native memory is released by {@link #close} and
 * by {@link #discard}, whichever comes first.
 */
public final class StoredFileOutput extends OutputStream {

    private static final int DEFLATED_BUFFER_BYTES = 64 * 1024;

    private final ChunkOutput chunks;
    private final MessageDigest sha1;
    private final CRC32 crc32 = new CRC32();
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] deflated = new byte[DEFLATED_BUFFER_BYTES];
    private long size;
    private boolean closed;

    public StoredFileOutput(BillStore store, long fileId) {
        this.chunks = new ChunkOutput(store, fileId);
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        sha1.update(bytes, offset, length);
        crc32.update(bytes, offset, length);
        size += length;
        deflater.setInput(bytes, offset, length);
        while (!deflater.needsInput()) {
            drain();
        }
    }

    /** Ends the stream and stores its last chunk. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            deflater.finish();
            while (!deflater.finished()) {
                drain();
            }
            chunks.close();
        } finally {
            discard();
        }
    }

    /** Releases the deflater without storing anything more (the file is abandoned). */
    public void discard() {
        closed = true;
        deflater.end();
    }

    private void drain() {
        int n = deflater.deflate(deflated);
        chunks.write(deflated, 0, n);
    }

    /** Lower-case hex SHA-1 of the bytes written; call once, after {@link #close}. */
    public String sha1Hex() {
        return HexFormat.of().formatHex(sha1.digest());
    }

    public long crc32() {
        return crc32.getValue();
    }

    /** Bytes written, uncompressed. */
    public long size() {
        return size;
    }

    public int chunks() {
        return chunks.chunks();
    }
}
