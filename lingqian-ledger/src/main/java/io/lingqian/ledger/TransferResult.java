package io.lingqian.ledger;

import java.util.Optional;

/**
 * Outcome of one transfer of a batch.
 *
 * @param transfer the transfer as written (for CREATED) or as first written (for EXISTS); null otherwise
 */
public record TransferResult(String id, CreateTransferResult result, Transfer transfer) {

    public boolean ok() {
        return result.ok();
    }

    public Optional<Transfer> written() {
        return Optional.ofNullable(transfer);
    }

    /** Throws {@link TransferRefusedException} unless the transfer was created or already existed. */
    public Transfer orThrow() {
        if (!ok()) {
            throw new TransferRefusedException(id, result);
        }
        return transfer;
    }
}
