package io.lingqian.bill.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * WeChat's bill layout (reference §3.8): a header line of plain names, then records whose every
 * field starts with a backtick (so that spreadsheets keep long numbers as text), lines ended by
 * {@code \n}; amounts in yuan with two decimals, times in China Standard Time.
 */
final class BillCsv {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);

    private final Writer out;

    BillCsv(Writer out) {
        this.out = out;
    }

    void header(List<String> names) {
        write(String.join(",", names));
    }

    void record(List<String> fields) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append('`').append(clean(fields.get(i)));
        }
        write(line.toString());
    }

    private void write(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free-text field made safe for one line of CSV without quoting, as WeChat writes them: the
     * control character \1 becomes a space, a line break the two characters \r or \n; and a comma
     * becomes a full-width one (WeChat does not quote fields, so a comma would split the field).
     */
    static String clean(String value) {
        if (value == null) {
            return "";
        }
        return value.replace('\u0001', ' ').replace("\r", "\\r").replace("\n", "\\n").replace(',', '，');
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
