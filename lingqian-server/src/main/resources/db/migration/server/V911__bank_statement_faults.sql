-- Sandbox and test switch of the simulated bank (io.lingqian.bank): statement lines to drop,
-- print twice or print with another amount, so reconciliation can be shown to find each difference.
CREATE TABLE bank_sim_statement_fault (
    operation_id  VARCHAR(64) PRIMARY KEY,
    fault         VARCHAR(12) NOT NULL CONSTRAINT bank_sim_statement_fault_check
                                       CHECK (fault IN ('DROP', 'DUPLICATE', 'AMOUNT')),
    amount_fen    BIGINT
);
