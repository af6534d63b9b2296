package io.lingqian.bill;

import java.time.Instant;

/** A download link's token: the file, whether it is served gzip-compressed, and until when it works. */
public record BillDownload(String token, BillFile file, boolean gzip, Instant expiresAt) {
}
