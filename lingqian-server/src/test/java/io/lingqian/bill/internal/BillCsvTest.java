package io.lingqian.bill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * The bill's bytes: amounts, times and free text written field by field must be exactly what the
 * bill has always been (and what the SDK's hash check and the merchants' parsers read): the text
 * joined and encoded by an {@code OutputStreamWriter} in UTF-8, amounts as {@code BigDecimal} writes
 * them, times as {@code DateTimeFormatter} in China Standard Time.
 */
class BillCsvTest {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @Test
    void amountsInFenAreWrittenAsYuanWithTwoDecimals() {
        assertThat(line(csv -> csv.yuan(1).yuan(10).yuan(100).yuan(100_000_000).yuan(0).yuan(-3).yuan(-100)
                .yuan(-12_345).end()))
                .isEqualTo("`0.01,`0.10,`1.00,`1000000.00,`0.00,`-0.03,`-1.00,`-123.45\n");
        for (long fen : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 99, -99, 101, -101, 1_999_999_999_99L}) {
            assertThat(line(csv -> csv.yuan(fen).end())).isEqualTo("`" + BigDecimal.valueOf(fen, 2).toPlainString() + "\n");
        }
    }

    @Test
    void timesAreChinaStandardTimeToTheSecondAcrossDays() {
        List<Instant> times = List.of(Instant.parse("2026-03-01T15:59:59.999Z"), Instant.parse("2026-03-01T16:00:00Z"),
                Instant.parse("2026-03-02T03:04:05.123456Z"), Instant.parse("2025-12-31T16:00:00Z"),
                Instant.parse("2026-03-01T15:59:59Z"), Instant.parse("1970-01-01T00:00:00Z"));
        String expected = String.join(",", times.stream().map(t -> "`" + TIME.format(t)).toList()) + "\n";
        assertThat(line(csv -> {
            times.forEach(csv::time);
            csv.end();
        })).isEqualTo(expected);
    }

    @Test
    void freeTextIsKeptOnOneLineAndEncodedAsUtf8() {
        List<String> fields = new ArrayList<>(List.of("商品,名称", "line\r\nbreak", "a\u0001b", "", "😀 emoji",
                "é ü ß", "lone \uD800 surrogate", "tail high \uD83D", "ASCII-only 123"));
        fields.add(null);
        byte[] written = bytes(csv -> {
            fields.forEach(csv::text);
            csv.end();
        });
        assertThat(new String(written, StandardCharsets.UTF_8))
                .startsWith("`商品，名称,`line\\r\\nbreak,`a b,`,`😀 emoji,");
        assertThat(written).isEqualTo(reference(fields));
    }

    @Test
    void aBillLargerThanTheBufferIsTheSameBytesAsTheTextWrittenWhole() {
        List<String> header = List.of("交易时间", "商户号", "商品名称");
        List<List<String>> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            records.add(List.of("4200000" + i, "商品" + "很长的名字".repeat(i % 7) + i, i % 3 == 0 ? "x,y" : "📦"));
        }
        byte[] written = bytes(csv -> {
            csv.header(header);
            for (List<String> record : records) {
                record.forEach(csv::text);
                csv.end();
            }
        });
        assertThat(written.length).as("several buffers' worth").isGreaterThan(3 * 64 * 1024);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(String.join(",", header).concat("\n").getBytes(StandardCharsets.UTF_8));
        for (List<String> record : records) {
            expected.writeBytes(reference(record));
        }
        assertThat(written).isEqualTo(expected.toByteArray());
    }

    private static String line(Consumer<BillCsv> write) {
        return new String(bytes(write), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Consumer<BillCsv> write) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BillCsv csv = new BillCsv(out);
        write.accept(csv);
        csv.flush();
        return out.toByteArray();
    }

    /** A record as the bill was written before it was written field by field: cleaned, joined, encoded by a Writer. */
    private static byte[] reference(List<String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            List<String> cleaned = new ArrayList<>();
            for (String field : fields) {
                String value = field == null ? "" : field.replace('\u0001', ' ').replace("\r", "\\r")
                        .replace("\n", "\\n").replace(',', '，');
                cleaned.add("`" + value);
            }
            writer.write(String.join(",", cleaned) + "\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
