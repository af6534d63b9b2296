package io.lingqian.social;

import java.time.Instant;

/**
 * A transfer between friends. Its money is the ledger hold {@code transfer:<id>:hold}
 * ({@code sender wallet → TRANSFER_ESCROW}) until it is accepted, returned, withdrawn or expires.
 */
public record Transfer(long id, long senderId, String senderName, long receiverId, String receiverName,
                       long amountFen, Arrival arrival, String note, String clientRequestId, TransferState state,
                       Instant createdAt, Instant arrivesAt, Instant expiresAt, Instant resolvedAt) {

    public String reference() {
        return reference(id);
    }

    public static String reference(long id) {
        return "transfer:" + id;
    }

    /** Whether the receiver may accept it at {@code now}. */
    public boolean acceptableAt(Instant now) {
        return state == TransferState.SENT && !now.isBefore(arrivesAt) && now.isBefore(expiresAt);
    }
}
