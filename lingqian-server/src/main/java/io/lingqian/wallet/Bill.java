package io.lingqian.wallet;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the bill list: a top-up, a withdrawal, or any other movement of the balance, from
 * the user's point of view.
 *
 * @param kind       TOPUP, WITHDRAWAL or the ledger's transfer code name for other movements
 * @param amountFen  signed: positive into the balance, negative out of it (the fee not included)
 * @param feeFen     charged on top (withdrawals)
 * @param status     SUBMITTED, PROCESSING, SUCCEEDED or FAILED
 * @param movements  the ledger transfers behind it (detail view only; empty in lists)
 */
public record Bill(String reference, String kind, String title, long amountFen, long feeFen, String status,
                   Instant createdAt, String counterparty, String failureMessage, List<Movement> movements) {

    /** One ledger transfer of a bill. */
    public record Movement(String transferId, String kind, String code, long amountFen, Instant at) {
    }
}
