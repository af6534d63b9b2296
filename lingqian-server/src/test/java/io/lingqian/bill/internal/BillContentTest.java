package io.lingqian.bill.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.lingqian.bill.BillFile;
import io.lingqian.bill.BillKind;

/**
 * A bill stored as a deflated stream in chunks comes back whole: inflated for a plain download, as
 * gzip for tar_type=GZIP, with the hash and size of the uncompressed bytes; a file stored plain
 * before V980 is served as it was; a damaged file is refused rather than served short.
 */
class BillContentTest {

    private final Chunks store = new Chunks();
    private final BillContent content = new BillContent(store);

    @Test
    void aFileOfManyChunksIsInflatedAndGzippedWhole() throws Exception {
        byte[] text = sample(3_000_000);
        StoredFileOutput out = new StoredFileOutput(store, 1);
        for (int at = 0; at < text.length; at += 65_536) {
            out.write(text, at, Math.min(65_536, text.length - at));
        }
        out.close();
        assertThat(out.chunks()).as("larger than one chunk").isGreaterThan(2);
        assertThat(out.size()).isEqualTo(text.length);
        assertThat(out.sha1Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text)));
        CRC32 crc = new CRC32();
        crc.update(text);
        assertThat(out.crc32()).isEqualTo(crc.getValue());
        BillFile file = file(out.size(), out.chunks(), true, out.crc32());

        assertThat(plain(file)).isEqualTo(text);
        assertThat(gunzip(gzip(file))).isEqualTo(text);
    }

    @Test
    void aFileStoredPlainBeforeIsServedAsItWas() throws IOException {
        byte[] text = sample(700_000);
        store.chunks.add(Arrays.copyOfRange(text, 0, 262_144));
        store.chunks.add(Arrays.copyOfRange(text, 262_144, 524_288));
        store.chunks.add(Arrays.copyOfRange(text, 524_288, text.length));
        BillFile file = file(text.length, 3, false, 0);

        assertThat(plain(file)).isEqualTo(text);
        assertThat(gunzip(gzip(file))).isEqualTo(text);
    }

    @Test
    void aDamagedFileIsRefusedRatherThanServedShort() throws IOException {
        byte[] text = sample(1_000_000);
        StoredFileOutput out = new StoredFileOutput(store, 1);
        out.write(text, 0, text.length);
        out.close();
        int last = store.chunks.size() - 1;
        store.chunks.set(last, Arrays.copyOf(store.chunks.get(last), store.chunks.get(last).length / 2));
        BillFile file = file(out.size(), out.chunks(), true, out.crc32());

        assertThatThrownBy(() -> plain(file)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
    }

    /** Bill-like text with enough variety that its deflated stream spans several chunks. */
    private static byte[] sample(int bytes) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(bytes + 200);
        while (text.length() < bytes) {
            text.append("`2026-11-27 ").append(random.nextInt(24)).append(':').append(random.nextInt(60))
                    .append(",`4200").append(random.nextLong()).append(",`商品").append(random.nextInt())
                    .append(",`").append(random.nextInt(100_000)).append('.').append(random.nextInt(100)).append('\n');
        }
        return Arrays.copyOf(text.toString().getBytes(StandardCharsets.UTF_8), bytes);
    }

    private static BillFile file(long size, int chunks, boolean deflated, long crc32) {
        return new BillFile(1, 1, LocalDate.of(2026, 11, 27), BillKind.TRADE_ALL, "0".repeat(40), size, 1, chunks,
                deflated, crc32);
    }

    private byte[] plain(BillFile file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.plain(file, out);
        return out.toByteArray();
    }

    private byte[] gzip(BillFile file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.gzip(file, out);
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** The chunk table of one file, in memory. */
    private static final class Chunks extends BillStore {

        final List<byte[]> chunks = new ArrayList<>();

        Chunks() {
            super(null);
        }

        @Override
        public void insertChunk(long fileId, int chunkNo, byte[] data) {
            assertThat(chunkNo).isEqualTo(chunks.size());
            chunks.add(data.clone());
        }

        @Override
        public byte[] chunk(long fileId, int chunkNo) {
            return chunks.get(chunkNo);
        }
    }
}
