package io.lingqian.ledger;

/**
 * A transfer to be made. The id is the idempotency key: submitting the same id again with the
 * same fields returns the first result and moves nothing; with different fields it fails with an
 * {@code EXISTS_WITH_DIFFERENT_…} result.
 *
 * <p>For {@link TransferKind#POST_PENDING} and {@link TransferKind#VOID_PENDING}, the accounts,
 * ledger and code may be left zero and are then taken from the pending transfer; if given they must
 * match it. A post with amount zero posts the full pending amount. A post or void without a
 * reference carries the pending transfer's reference, so {@link Ledger#transfersByReference} finds
 * a hold together with its resolution.
 *
 * @param id              1 to {@value #MAX_ID_LENGTH} characters of {@code [A-Za-z0-9._:-]}
 * @param amount          fen, greater than zero (zero allowed only as described above)
 * @param code            why the money moves (payment, refund, top-up …), from the chart of codes
 * @param pendingId       the pending transfer a post or void resolves
 * @param timeoutSeconds  for a pending transfer: after this long it is voided by the sweeper; 0 = never
 * @param reference       the business object this transfer belongs to, for example {@code order:4200}
 * @param linked          this transfer succeeds or fails together with the next one in the batch
 */
public record TransferRequest(String id, TransferKind kind, long debitAccountId, long creditAccountId,
                              long amount, int ledger, int code, String pendingId, long timeoutSeconds,
                              String reference, boolean linked) {

    public static final int MAX_ID_LENGTH = 100;
    public static final int MAX_REFERENCE_LENGTH = 100;

    public static TransferRequest single(String id, long debit, long credit, long amount, int ledger, int code,
                                         String reference) {
        return new TransferRequest(id, TransferKind.SINGLE, debit, credit, amount, ledger, code, null, 0, reference,
                false);
    }

    public static TransferRequest pending(String id, long debit, long credit, long amount, int ledger, int code,
                                          long timeoutSeconds, String reference) {
        return new TransferRequest(id, TransferKind.PENDING, debit, credit, amount, ledger, code, null,
                timeoutSeconds, reference, false);
    }

    /** Posts the full amount of a pending transfer. */
    public static TransferRequest post(String id, String pendingId) {
        return post(id, pendingId, 0);
    }

    /** Posts part of a pending transfer (or all of it, with amount zero); the rest of the hold is released. */
    public static TransferRequest post(String id, String pendingId, long amount) {
        return new TransferRequest(id, TransferKind.POST_PENDING, 0, 0, amount, 0, 0, pendingId, 0, null, false);
    }

    public static TransferRequest voidPending(String id, String pendingId) {
        return new TransferRequest(id, TransferKind.VOID_PENDING, 0, 0, 0, 0, 0, pendingId, 0, null, false);
    }

    /** This transfer, linked to the next one in its batch. */
    public TransferRequest linkedToNext() {
        return new TransferRequest(id, kind, debitAccountId, creditAccountId, amount, ledger, code, pendingId,
                timeoutSeconds, reference, true);
    }

    public TransferRequest withReference(String newReference) {
        return new TransferRequest(id, kind, debitAccountId, creditAccountId, amount, ledger, code, pendingId,
                timeoutSeconds, newReference, linked);
    }
}
