package io.lingqian.ledger.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash that chains journal rows: SHA-256 over the previous row's hash and every field of this
 * row, in a length-prefixed encoding so that no two different rows encode alike.
 */
final class JournalHash {
    static final String GENESIS = "0".repeat(64);

    private JournalHash() {
    }

    static String of(String previousHash, JournalRow r) {
        return of(sha256(), previousHash, r);
    }

    /** With a digest the caller reuses for a whole batch (one {@code getInstance} per batch, not per row). */
    static String of(MessageDigest sha256, String previousHash, JournalRow r) {
        StringBuilder b = new StringBuilder(256);
        field(b, previousHash);
        field(b, Integer.toString(r.chainId));
        field(b, Long.toString(r.chainSeq));
        field(b, Long.toString(r.seq));
        field(b, r.id);
        field(b, r.kind.name());
        field(b, Long.toString(r.debitAccountId));
        field(b, Long.toString(r.creditAccountId));
        field(b, Long.toString(r.amount));
        field(b, Long.toString(r.pendingAmount));
        field(b, Integer.toString(r.ledger));
        field(b, Integer.toString(r.code));
        field(b, r.pendingId);
        field(b, Long.toString(r.timeoutSeconds));
        field(b, r.reference);
        field(b, Long.toString(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, r.createdAt)));
        return HexFormat.of().formatHex(sha256.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Null and empty differ: null is "-", a string is its length, a colon, then the string. */
    private static void field(StringBuilder b, String value) {
        if (value == null) {
            b.append('-');
        } else {
            b.append(value.length()).append(':').append(value);
        }
        b.append('\n');
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
