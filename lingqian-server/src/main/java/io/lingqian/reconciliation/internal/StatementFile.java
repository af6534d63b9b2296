package io.lingqian.reconciliation.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.lingqian.bank.BankOperation;
import io.lingqian.bank.StatementLine;

/**
 * A bank statement as a CSV file: the header
 * {@code operation_id,kind,last4,amount_fen,status,failure_code,completed_at} and one line per
 * finished operation ({@code completed_at} in ISO-8601 with an offset or Z).
 */
public final class StatementFile {

    public static final String HEADER = "operation_id,kind,last4,amount_fen,status,failure_code,completed_at";

    /** A line of the file that cannot be read, with its number (the header is line 1). */
    public static final class Malformed extends RuntimeException {
        private final int line;

        public Malformed(int line, String problem) {
            super("line " + line + ": " + problem);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private StatementFile() {
    }

    public static List<StatementLine> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Malformed(1, "the file is empty");
        }
        String[] rows = text.replace("\r\n", "\n").split("\n");
        if (!rows[0].strip().equals(HEADER)) {
            throw new Malformed(1, "the header must be " + HEADER);
        }
        List<StatementLine> lines = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            int number = i + 1;
            String row = rows[i];
            if (row.isBlank()) {
                continue;
            }
            String[] f = row.split(",", -1);
            if (f.length != 7) {
                throw new Malformed(number, "expected 7 fields, found " + f.length);
            }
            try {
                lines.add(new StatementLine(f[0].strip(), BankOperation.Kind.valueOf(f[1].strip()),
                        f[2].strip().isEmpty() ? null : f[2].strip(), Long.parseLong(f[3].strip()),
                        BankOperation.Status.valueOf(f[4].strip()), f[5].strip().isEmpty() ? null : f[5].strip(),
                        Instant.parse(f[6].strip())));
            } catch (NumberFormatException e) {
                throw new Malformed(number, "amount_fen is not a whole number of fen");
            } catch (DateTimeParseException e) {
                throw new Malformed(number, "completed_at is not an ISO-8601 instant");
            } catch (IllegalArgumentException e) {
                throw new Malformed(number, "kind is DEBIT, CREDIT or ACCOUNT_CREDIT and status SUCCEEDED or FAILED");
            }
        }
        return lines;
    }

    /** Renders lines in the file's layout (for the console's download and the tests). */
    public static String render(List<StatementLine> lines) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (StatementLine l : lines) {
            out.append(l.operationId()).append(',').append(l.kind()).append(',')
                    .append(l.cardLastFour() == null ? "" : l.cardLastFour()).append(',').append(l.amountFen())
                    .append(',').append(l.status()).append(',').append(l.failureCode() == null ? "" : l.failureCode())
                    .append(',').append(l.completedAt()).append('\n');
        }
        return out.toString();
    }
}
