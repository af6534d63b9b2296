package io.lingqian.wallet;

import java.util.function.Supplier;

import io.lingqian.bank.BankConnector;
import io.lingqian.bank.BankException;
import io.lingqian.bank.BankOperation;

/**
 * What a bank said about a top-up's debit or a withdrawal's credit, in the form both apply: a bank
 * that refused the request outright counts as a failure, and an operation is settled by asking the
 * bank, or by sending it again (under the same id, so at most once) when the bank never got it.
 */
record BankAnswer(BankOperation.Status status, String failureCode, String failureMessage) {

    static BankAnswer of(BankOperation operation) {
        return new BankAnswer(operation.status(), operation.failureCode(), operation.failureMessage());
    }

    /** Sends an operation; a refusal before anything happened (an invalid card) is its failure. */
    static BankAnswer send(Supplier<BankOperation> operation) {
        try {
            return of(operation.get());
        } catch (BankException e) {
            return new BankAnswer(BankOperation.Status.FAILED, "BANK_REFUSED", e.getMessage());
        }
    }

    /** What the bank knows of the operation now, sending it again if it never arrived. */
    static BankAnswer settle(BankConnector bank, String operationId, Supplier<BankOperation> resend) {
        return bank.query(operationId).map(BankAnswer::of).orElseGet(() -> send(resend));
    }
}
