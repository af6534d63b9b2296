-- The simulated bank's own books. Owned by io.lingqian.bank. No card number is stored: the last
-- four digits for statements, a keyed hash to refuse an operation id reused with another card, and
-- SMS codes sealed with the field cipher.

CREATE TABLE bank_sim_challenge (
    id               VARCHAR(40)  PRIMARY KEY,
    bank             VARCHAR(8)   NOT NULL,
    card_last4       CHAR(4)      NOT NULL,
    sms_code_sealed  VARCHAR(200) NOT NULL,
    attempts_left    INTEGER      NOT NULL,
    status           VARCHAR(16)  NOT NULL CONSTRAINT bank_sim_challenge_status_check
                                          CHECK (status IN ('SENT', 'VERIFIED', 'DEAD')),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per debit or credit the bank received. The outcome is decided when the request arrives
-- (from the card's test behaviour) and becomes visible at completes_at: before that a query answers
-- PROCESSING, as a real bank's does while it works on a request that timed out on the caller's side.
CREATE TABLE bank_sim_operation (
    operation_id   VARCHAR(64)  PRIMARY KEY,
    kind           VARCHAR(8)   NOT NULL CONSTRAINT bank_sim_operation_kind_check CHECK (kind IN ('DEBIT', 'CREDIT')),
    bank           VARCHAR(8)   NOT NULL,
    card_index     VARCHAR(64)  NOT NULL,
    card_last4     CHAR(4)      NOT NULL,
    amount_fen     BIGINT       NOT NULL CONSTRAINT bank_sim_operation_amount_check CHECK (amount_fen > 0),
    first_answer   VARCHAR(16)  NOT NULL,
    outcome        VARCHAR(16)  NOT NULL CONSTRAINT bank_sim_operation_outcome_check
                                         CHECK (outcome IN ('SUCCEEDED', 'FAILED')),
    failure_code   VARCHAR(32),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    completes_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX bank_sim_operation_statement_idx ON bank_sim_operation (bank, completes_at);
