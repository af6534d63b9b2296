package io.lingqian.bill.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes a bill's stored (deflated) bytes into {@code bill_file_chunk} as it is generated: a chunk is
 * stored each time the buffer fills, so a file of any size needs one buffer of memory.
 */
final class ChunkOutput extends OutputStream {

    /**
     * 256 KiB of the deflated stream, some 2 to 8 MB of the bill's text: a day of a million orders
     * (about 220 MB of text) is a few dozen inserts on generating and as many reads on serving, for
     * one small buffer per generator and per download.
     */
    static final int CHUNK_BYTES = 256 * 1024;

    private final BillStore store;
    private final long fileId;
    private final byte[] buffer = new byte[CHUNK_BYTES];
    private int filled;
    private int chunks;
    private long size;

    ChunkOutput(BillStore store, long fileId) {
        this.store = store;
        this.fileId = fileId;
    }

    @Override
    public void write(int b) {
        buffer[filled++] = (byte) b;
        size++;
        if (filled == CHUNK_BYTES) {
            store();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, CHUNK_BYTES - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            size += n;
            offset += n;
            length -= n;
            if (filled == CHUNK_BYTES) {
                store();
            }
        }
    }

    /** Stores the last, partly filled chunk. */
    @Override
    public void close() {
        if (filled > 0) {
            store();
        }
    }

    private void store() {
        // A full buffer is handed over as it is: the insert is done with it before the buffer is reused.
        store.insertChunk(fileId, chunks++, filled == CHUNK_BYTES ? buffer : Arrays.copyOf(buffer, filled));
        filled = 0;
    }

    int chunks() {
        return chunks;
    }

    long size() {
        return size;
    }
}
