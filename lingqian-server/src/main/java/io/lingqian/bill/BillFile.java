package io.lingqian.bill;

import java.time.LocalDate;

/**
 * A generated bill, stored in {@code chunks} pieces.
 *
 * @param sha1      lower-case hex SHA-1 of the uncompressed bytes: WeChat's {@code hash_value}
 * @param records   detail lines (without headers and summary)
 */
public record BillFile(long id, long merchantId, LocalDate day, BillKind kind, String sha1, long sizeBytes,
                       long records, int chunks) {
}
