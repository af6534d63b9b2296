package io.lingqian.ledger;

import java.util.List;

/**
 * Result of recomputing the journal's hash chains.
 *
 * @param rowsVerified  journal rows whose hash was recomputed
 * @param firstBroken   the first row per chain whose stored hash, position or predecessor does not
 *                      match; empty when every chain is intact
 */
public record JournalVerification(long rowsVerified, List<BrokenLink> firstBroken) {

    public boolean intact() {
        return firstBroken.isEmpty();
    }

    /** A row (or a chain head) that does not fit its chain, and why. */
    public record BrokenLink(int chainId, long chainSeq, String transferId, String reason) {
    }
}
