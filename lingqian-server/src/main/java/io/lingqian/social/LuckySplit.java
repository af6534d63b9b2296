package io.lingqian.social;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The lucky split (拼手气): the double-mean method (二倍均值法) computed share by share at open time,
 * in integer fen, from draws derived from a per-packet secret seed so that anyone can recompute every
 * share once the seed is revealed. The recipe, exactly (also in docs/red-packets.md):
 *
 * <ol>
 *   <li>the seed is 32 random bytes; {@code SHA-256(seed)} (hex) is published when the packet is sent;</li>
 *   <li>share {@code i} (0-based, in the order members opened) is drawn with {@code R} fen and
 *       {@code n} shares remaining: if {@code n == 1} it is {@code R}; otherwise it lies in
 *       {@code [lo, hi]} with {@code lo = max(1, R - cap*(n-1))} and
 *       {@code hi = min(floor(2R/n), R - (n-1), cap)};</li>
 *   <li>the draw is {@code lo + (u mod (hi - lo + 1))}, where {@code u} is the first 8 bytes, big-endian
 *       and unsigned, of {@code HMAC-SHA256(key = seed, message = ASCII decimal of i)}.</li>
 * </ol>
 *
 * The bounds keep every remaining share at least 0.01 and at most the cap, so the last share is the
 * exact remainder. Each draw's expected value is about {@code R/n}, so every position expects
 * {@code total/n} (the statistical test checks this).
 */
public final class LuckySplit {

    private LuckySplit() {
    }

    /** The share at {@code index} when {@code remainingFen} and {@code remainingShares} are left. */
    public static long draw(byte[] seed, int index, long remainingFen, int remainingShares, long capFen) {
        if (remainingShares < 1 || remainingFen < remainingShares || remainingFen > capFen * remainingShares) {
            throw new IllegalArgumentException("no valid split of " + remainingFen + " fen into " + remainingShares
                    + " shares of at most " + capFen);
        }
        if (remainingShares == 1) {
            return remainingFen;
        }
        long lo = Math.max(1, remainingFen - capFen * (remainingShares - 1));
        long hi = Math.min(Math.min(2 * remainingFen / remainingShares, remainingFen - (remainingShares - 1)), capFen);
        return lo + Long.remainderUnsigned(uniform(seed, index), hi - lo + 1);
    }

    /** Every share of a packet, in opening order: what the revealed seed lets anyone recompute. */
    public static long[] shares(byte[] seed, long totalFen, int shares, long capFen) {
        long[] out = new long[shares];
        long remaining = totalFen;
        for (int i = 0; i < shares; i++) {
            out[i] = draw(seed, i, remaining, shares - i, capFen);
            remaining -= out[i];
        }
        return out;
    }

    /** Whether {@code totalFen} can be split into {@code shares} shares of 1 fen to {@code capFen}. */
    public static boolean splittable(long totalFen, int shares, long capFen) {
        return shares >= 1 && totalFen >= shares && totalFen <= capFen * shares;
    }

    /** The public commitment to a seed: SHA-256, hex. */
    public static String commitment(byte[] seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static long uniform(byte[] seed, int index) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            byte[] h = mac.doFinal(Integer.toString(index).getBytes(StandardCharsets.US_ASCII));
            long u = 0;
            for (int i = 0; i < 8; i++) {
                u = (u << 8) | (h[i] & 0xff);
            }
            return u;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
