package io.lingqian.ledger;

/** Thrown by callers that treat a refused transfer as an error: carries the result code. */
public class TransferRefusedException extends RuntimeException {
    private final transient CreateTransferResult result;
    private final String transferId;

    public TransferRefusedException(String transferId, CreateTransferResult result) {
        super("transfer " + transferId + " refused: " + result.name().toLowerCase());
        this.transferId = transferId;
        this.result = result;
    }

    public CreateTransferResult result() {
        return result;
    }

    public String transferId() {
        return transferId;
    }
}
