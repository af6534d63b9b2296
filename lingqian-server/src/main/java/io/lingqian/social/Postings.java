package io.lingqian.social;

import java.util.List;

import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.TransferResult;
import io.lingqian.wallet.WalletProblems;

/** Reads a ledger batch's results: the transfer that failed carries the reason, the rest of its chain LINKED_EVENT_FAILED. */
final class Postings {

    private Postings() {
    }

    /** Throws {@code insufficient_balance} when the payer's balance did not cover it, else the ledger's refusal. */
    static void requireAll(List<TransferResult> results, String whatFailed) {
        TransferResult failed = results.stream()
                .filter(r -> !r.ok() && r.result() != CreateTransferResult.LINKED_EVENT_FAILED)
                .findFirst().orElse(null);
        if (failed == null) {
            results.forEach(TransferResult::orThrow);
            return;
        }
        if (failed.result() == CreateTransferResult.EXCEEDS_CREDITS) {
            throw WalletProblems.refused("insufficient_balance", whatFailed);
        }
        if (failed.result() == CreateTransferResult.DEBIT_ACCOUNT_FROZEN
                || failed.result() == CreateTransferResult.DEBIT_ACCOUNT_CLOSED) {
            // A freeze that landed after the risk check: the same refusal the risk check gives.
            throw WalletProblems.walletFrozen();
        }
        if (failed.result() == CreateTransferResult.PENDING_TRANSFER_EXPIRED) {
            // The ledger's sweeper voided the hold before the social job marked the transfer expired.
            throw expired();
        }
        failed.orThrow();
    }

    static io.lingqian.platform.ApiProblemException expired() {
        return WalletProblems.conflict("transfer_expired", "This transfer expired and went back to the sender.");
    }

    /** The client request id rule of the wallet: 1-64 letters, digits or '_', '.', ':', '-'. */
    static void checkRequestId(String clientRequestId) {
        if (clientRequestId == null || !clientRequestId.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw WalletProblems.invalid("invalid_request_id",
                    "A client request id is 1-64 letters, digits or '_', '.', ':', '-'; reuse it to retry safely.");
        }
    }
}
