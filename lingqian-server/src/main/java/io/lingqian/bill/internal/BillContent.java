package io.lingqian.bill.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

import org.springframework.stereotype.Component;

import io.lingqian.bill.BillFile;

/**
 * A stored bill's bytes, written out one chunk at a time; each chunk is its own short read, so a slow
 * client holds no database connection or transaction while it reads.
 *
 * <p>A deflated file (every file made since V980) is inflated for a plain download, and served as it
 * is stored for a gzip one: gzip (RFC 1952) is a header, the raw DEFLATE stream and a trailer of the
 * CRC-32 and size, so nothing is compressed again. A file stored plain (made before) is copied, or
 * compressed on the way for gzip.
 */
@Component
public class BillContent {

    private static final int INFLATED_BUFFER_BYTES = 64 * 1024;
    /** Magic, DEFLATE, no flags, no time, no extra flags, operating system unknown. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final BillStore store;

    BillContent(BillStore store) {
        this.store = store;
    }

    /** The file as it was generated: the bytes {@code sha1} and {@code sizeBytes} describe. */
    public void plain(BillFile file, OutputStream out) throws IOException {
        if (!file.deflated()) {
            for (int i = 0; i < file.chunks(); i++) {
                out.write(store.chunk(file.id(), i));
            }
            return;
        }
        Inflater inflater = new Inflater(true);
        try {
            byte[] buffer = new byte[INFLATED_BUFFER_BYTES];
            long written = 0;
            for (int i = 0; i < file.chunks(); i++) {
                inflater.setInput(store.chunk(file.id(), i));
                written += inflate(inflater, buffer, out);
            }
            if (!inflater.finished()) {
                // zlib may want one more byte past a raw stream's end to see that it has ended.
                inflater.setInput(new byte[1]);
                written += inflate(inflater, buffer, out);
            }
            if (!inflater.finished() || written != file.sizeBytes()) {
                throw new IOException("stored bill " + file.id() + " is damaged: " + written + " of "
                        + file.sizeBytes() + " bytes");
            }
        } finally {
            inflater.end();
        }
    }

    /** The file compressed as gzip: un-gzipped, the bytes of {@link #plain}. */
    public void gzip(BillFile file, OutputStream out) throws IOException {
        if (!file.deflated()) {
            GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
            plain(file, gzip);
            gzip.finish();
            return;
        }
        out.write(GZIP_HEADER);
        for (int i = 0; i < file.chunks(); i++) {
            out.write(store.chunk(file.id(), i));
        }
        byte[] trailer = new byte[8];
        littleEndian(trailer, 0, file.crc32());
        littleEndian(trailer, 4, file.sizeBytes());
        out.write(trailer);
    }

    private static long inflate(Inflater inflater, byte[] buffer, OutputStream out) throws IOException {
        long written = 0;
        try {
            // Until this input is used up (the next chunk replaces any input left) or the stream ends.
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsDictionary()) {
                    throw new DataFormatException("a preset dictionary is asked for");
                }
                out.write(buffer, 0, n);
                written += n;
            }
        } catch (DataFormatException e) {
            throw new IOException("a stored bill is damaged", e);
        }
        return written;
    }

    /** The low 32 bits of {@code value}, least significant byte first, as gzip's trailer has them. */
    private static void littleEndian(byte[] into, int at, long value) {
        for (int i = 0; i < 4; i++) {
            into[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
