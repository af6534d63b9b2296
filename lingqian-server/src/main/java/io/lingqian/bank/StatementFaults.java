package io.lingqian.bank;

/**
 * A sandbox and test switch of the simulated bank: its daily statement can drop a line, print a line
 * twice or print it with another amount, so that reconciliation can be shown to find every kind of
 * difference. Only available when {@code lingqian.bank.statement-faults=true}; otherwise every call
 * is refused. Faults change the printed statement only, never the bank's operations.
 */
public interface StatementFaults {

    void drop(String operationId);

    void duplicate(String operationId);

    void changeAmount(String operationId, long amountFen);

    void clear(String operationId);
}
