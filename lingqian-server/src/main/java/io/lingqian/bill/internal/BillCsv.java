package io.lingqian.bill.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * WeChat's bill layout (reference §3.8): a header line of plain names, then records whose every
 * field starts with a backtick (so that spreadsheets keep long numbers as text), lines ended by
 * {@code \n}; amounts in yuan with two decimals, times in China Standard Time.
 *
 * <p>A bill can have millions of records, so a record is written field by field straight into a
 * buffer of UTF-8 bytes: no list, string or number object per field, amounts formatted from the
 * {@code long} fen with integer arithmetic, times from the epoch second with the day's date written
 * once per day. The bytes are exactly what an {@code OutputStreamWriter} in UTF-8 would write of the
 * joined text (a lone surrogate, which UTF-8 cannot encode, becomes {@code ?} as there).
 */
final class BillCsv {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final ZoneRules CHINA_RULES = CHINA.getRules();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final int SECONDS_PER_DAY = 86_400;
    /** Bytes handed on at a time; the largest a single character needs is 4. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int filled;
    /** Whether the next field is the first of its line (no comma before it). */
    private boolean lineStart = true;
    /** The date part of the last time written, as {@code yyyy-MM-dd}, and its epoch day in China. */
    private long cachedEpochDay = Long.MIN_VALUE;
    private byte[] cachedDate;

    BillCsv(OutputStream out) {
        this.out = out;
    }

    /** A line of plain names, as they are. */
    void header(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                ascii(',');
            }
            utf8(names.get(i), false);
        }
        ascii('\n');
    }

    /** A field of text, made safe for one line ({@link #clean}); null is written as an empty field. */
    BillCsv text(String value) {
        startField();
        if (value != null) {
            utf8(value, true);
        }
        return this;
    }

    /** A field of yuan with two decimals from fen: 1 → {@code 0.01}, -3 → {@code -0.03}, 12345 → {@code 123.45}. */
    BillCsv yuan(long fen) {
        startField();
        room(24);
        if (fen < 0) {
            buffer[filled++] = '-';
        }
        // Math.abs of each part: fen / 100 and fen % 100 cannot overflow, even for Long.MIN_VALUE.
        digits(Math.abs(fen / 100));
        int cents = (int) Math.abs(fen % 100);
        buffer[filled++] = '.';
        buffer[filled++] = (byte) ('0' + cents / 10);
        buffer[filled++] = (byte) ('0' + cents % 10);
        return this;
    }

    /** A field of a time as {@code yyyy-MM-dd HH:mm:ss} in China Standard Time (fractions of a second dropped). */
    BillCsv time(Instant instant) {
        startField();
        long local = instant.getEpochSecond() + CHINA_RULES.getOffset(instant).getTotalSeconds();
        long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
        int second = (int) Math.floorMod(local, SECONDS_PER_DAY);
        if (epochDay != cachedEpochDay) {
            cachedDate = DATE.format(LocalDate.ofEpochDay(epochDay)).getBytes(StandardCharsets.US_ASCII);
            cachedEpochDay = epochDay;
        }
        room(cachedDate.length + 9);
        System.arraycopy(cachedDate, 0, buffer, filled, cachedDate.length);
        filled += cachedDate.length;
        buffer[filled++] = ' ';
        twoDigits(second / 3600);
        buffer[filled++] = ':';
        twoDigits(second / 60 % 60);
        buffer[filled++] = ':';
        twoDigits(second % 60);
        return this;
    }

    /** Ends the record's line. */
    void end() {
        ascii('\n');
        lineStart = true;
    }

    /** Hands on what is buffered; call once the bill is written. */
    void flush() {
        try {
            out.write(buffer, 0, filled);
            filled = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startField() {
        room(2);
        if (!lineStart) {
            buffer[filled++] = ',';
        }
        buffer[filled++] = '`';
        lineStart = false;
    }

    /**
     * The text in UTF-8; {@code clean} makes a free-text field safe for one line of CSV without
     * quoting, as WeChat writes them: the control character \1 becomes a space, a line break the two
     * characters \r or \n; and a comma becomes a full-width one (WeChat does not quote fields, so a
     * comma would split the field).
     */
    private void utf8(String text, boolean clean) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            room(4);
            if (c < 0x80) {
                if (clean) {
                    switch (c) {
                        case '\u0001' -> c = ' ';
                        case '\r', '\n' -> {
                            buffer[filled++] = '\\';
                            c = c == '\r' ? 'r' : 'n';
                        }
                        case ',' -> {
                            // '，' U+FF0C
                            buffer[filled++] = (byte) 0xEF;
                            buffer[filled++] = (byte) 0xBC;
                            buffer[filled++] = (byte) 0x8C;
                            continue;
                        }
                        default -> { }
                    }
                }
                buffer[filled++] = (byte) c;
            } else if (c < 0x800) {
                buffer[filled++] = (byte) (0xC0 | c >> 6);
                buffer[filled++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < length ? text.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                    int cp = Character.toCodePoint(c, low);
                    buffer[filled++] = (byte) (0xF0 | cp >> 18);
                    buffer[filled++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    buffer[filled++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    buffer[filled++] = (byte) (0x80 | cp & 0x3F);
                    i++;
                } else {
                    buffer[filled++] = '?';
                }
            } else {
                buffer[filled++] = (byte) (0xE0 | c >> 12);
                buffer[filled++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[filled++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private void ascii(char c) {
        room(1);
        buffer[filled++] = (byte) c;
    }

    /** A non-negative number's decimal digits. */
    private void digits(long value) {
        int start = filled;
        do {
            buffer[filled++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = filled - 1; i < j; i++, j--) {
            byte swap = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = swap;
        }
    }

    private void twoDigits(int value) {
        buffer[filled++] = (byte) ('0' + value / 10);
        buffer[filled++] = (byte) ('0' + value % 10);
    }

    /** Makes room for {@code bytes} more, handing the buffer on when it is too full. */
    private void room(int bytes) {
        if (filled + bytes > buffer.length) {
            flush();
        }
    }
}
