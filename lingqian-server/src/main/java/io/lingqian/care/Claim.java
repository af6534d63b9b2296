package io.lingqian.care;

import java.time.Instant;
import java.util.List;

/**
 * A compensation claim.
 *
 * @param claimedFen     what the user asks for: at most what left the balance in the claimed bills
 * @param approvedFen    what staff approved and the fund paid; null until approved
 * @param decisionReason why it was rejected, or the staff's note on an approval; null before
 */
public record Claim(long id, long userId, String description, long claimedFen, Long approvedFen, ClaimState state,
                    String decisionReason, Instant createdAt, Instant decidedAt, Instant paidAt,
                    List<ClaimedBill> bills) {

    public Claim {
        bills = List.copyOf(bills);
    }

    /** The ledger transfer (and its reference) that pays an approved claim: also the user's bill. */
    public String transferId() {
        return transferId(id);
    }

    static String transferId(long claimId) {
        return "claim:" + claimId;
    }

    /**
     * A bill the claim names.
     *
     * @param amountFen what left the balance in it (positive)
     */
    public record ClaimedBill(String reference, long amountFen) {
    }
}
