package io.lingqian.bill;

import java.time.LocalDate;

/**
 * A generated bill, stored in {@code chunks} pieces.
 *
 * @param sha1      lower-case hex SHA-1 of the uncompressed bytes: WeChat's {@code hash_value}
 * @param sizeBytes the uncompressed size
 * @param records   detail lines (without headers and summary)
 * @param deflated  whether the chunks are the file compressed as one raw DEFLATE stream (every file
 *                  made since V980), rather than its plain bytes
 * @param crc32     the CRC-32 of the uncompressed bytes, for gzip's trailer; 0 for a file not deflated
 */
public record BillFile(long id, long merchantId, LocalDate day, BillKind kind, String sha1, long sizeBytes,
                       long records, int chunks, boolean deflated, long crc32) {
}
