package io.lingqian.ledger;

/** The store failed (database down, a statement rejected): nothing in the batch was applied. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }

    public LedgerException(String message) {
        super(message);
    }
}
