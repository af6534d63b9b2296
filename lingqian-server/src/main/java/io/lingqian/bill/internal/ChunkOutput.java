package io.lingqian.bill.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes a bill into {@code bill_file_chunk} as it is generated: a chunk is stored each time the
 * buffer fills, so a file of any size needs one buffer of memory.
 */
public final class ChunkOutput extends OutputStream {

    /**
     * 1 MiB: a day of a million orders (about 220 MB) is some 200 inserts on generating and as many
     * reads on serving, for one buffer of memory per generator and per download.
     */
    static final int CHUNK_BYTES = 1024 * 1024;

    private final BillStore store;
    private final long fileId;
    private final byte[] buffer = new byte[CHUNK_BYTES];
    private int filled;
    private int chunks;
    private long size;

    public ChunkOutput(BillStore store, long fileId) {
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

    public int chunks() {
        return chunks;
    }

    public long size() {
        return size;
    }
}
