-- The ledger's tables. Owned by lingqian-ledger: no other module writes them.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL. Ledger migrations use versions 1-99.

-- Account ids below 1,000,000 are reserved for platform accounts chosen by the chart of accounts.
CREATE SEQUENCE ledger_account_id_seq START WITH 1000000;

-- Each batch takes one value and numbers its transfers value .. value+8189, so transfer seq grows
-- per account in commit order (the value is taken while the batch holds its account locks).
CREATE SEQUENCE ledger_transfer_seq START WITH 8192 INCREMENT BY 8192;

CREATE TABLE ledger_account (
    id                              BIGINT       PRIMARY KEY,
    ledger                          INTEGER      NOT NULL CHECK (ledger > 0),
    code                            INTEGER      NOT NULL CHECK (code > 0),
    debits_must_not_exceed_credits  BOOLEAN      NOT NULL,
    credits_must_not_exceed_debits  BOOLEAN      NOT NULL,
    history                         BOOLEAN      NOT NULL,
    status                          VARCHAR(8)   NOT NULL CHECK (status IN ('ACTIVE', 'FROZEN', 'CLOSED')),
    debits_pending                  BIGINT       NOT NULL CHECK (debits_pending >= 0),
    debits_posted                   BIGINT       NOT NULL CHECK (debits_posted >= 0),
    credits_pending                 BIGINT       NOT NULL CHECK (credits_pending >= 0),
    credits_posted                  BIGINT       NOT NULL CHECK (credits_posted >= 0),
    reference                       VARCHAR(100) UNIQUE,
    created_at                      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The journal. Rows are never updated or deleted; each is hashed into one of the chains.
CREATE TABLE ledger_transfer (
    id                 VARCHAR(128) PRIMARY KEY,
    seq                BIGINT       NOT NULL UNIQUE,
    kind               VARCHAR(12)  NOT NULL CHECK (kind IN ('SINGLE', 'PENDING', 'POST_PENDING', 'VOID_PENDING')),
    debit_account_id   BIGINT       NOT NULL REFERENCES ledger_account (id),
    credit_account_id  BIGINT       NOT NULL REFERENCES ledger_account (id),
    amount             BIGINT       NOT NULL CHECK (amount >= 0),
    pending_amount     BIGINT       NOT NULL CHECK (pending_amount >= 0),
    ledger             INTEGER      NOT NULL,
    code               INTEGER      NOT NULL,
    pending_id         VARCHAR(128),
    timeout_seconds    BIGINT       NOT NULL,
    reference          VARCHAR(100),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    chain_id           INTEGER      NOT NULL,
    chain_seq          BIGINT       NOT NULL,
    hash               VARCHAR(64)  NOT NULL,
    CONSTRAINT ledger_transfer_chain_position UNIQUE (chain_id, chain_seq)
);
CREATE INDEX ledger_transfer_debit ON ledger_transfer (debit_account_id, seq);
CREATE INDEX ledger_transfer_credit ON ledger_transfer (credit_account_id, seq);
CREATE INDEX ledger_transfer_reference ON ledger_transfer (reference);
-- At most one post or void per pending transfer, whatever the application does.
CREATE UNIQUE INDEX ledger_transfer_resolves ON ledger_transfer (pending_id);

-- The state of each hold; derivable from the journal (and checked against it), kept for locking
-- and for the sweeper's index on expiry.
CREATE TABLE ledger_pending (
    transfer_id        VARCHAR(128) PRIMARY KEY REFERENCES ledger_transfer (id),
    debit_account_id   BIGINT       NOT NULL,
    credit_account_id  BIGINT       NOT NULL,
    amount             BIGINT       NOT NULL,
    ledger             INTEGER      NOT NULL,
    code               INTEGER      NOT NULL,
    reference          VARCHAR(100),
    expires_at         TIMESTAMP WITH TIME ZONE,
    state              VARCHAR(8)   NOT NULL CHECK (state IN ('PENDING', 'POSTED', 'VOIDED', 'EXPIRED'))
);
CREATE INDEX ledger_pending_expiry ON ledger_pending (state, expires_at);

-- Balances after each transfer, for accounts flagged HISTORY.
CREATE TABLE ledger_account_history (
    account_id        BIGINT NOT NULL,
    seq               BIGINT NOT NULL,
    transfer_id       VARCHAR(128) NOT NULL,
    debits_pending    BIGINT NOT NULL,
    debits_posted     BIGINT NOT NULL,
    credits_pending   BIGINT NOT NULL,
    credits_posted    BIGINT NOT NULL,
    PRIMARY KEY (account_id, seq)
);

-- Heads of the journal's hash chains. A batch claims a free head with FOR UPDATE SKIP LOCKED as
-- its last lock, so eight batches can commit side by side and none waits for a chain while
-- another is free.
CREATE TABLE ledger_chain (
    chain_id   INTEGER     PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO ledger_chain (chain_id, last_seq, last_hash) VALUES
    (1, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (2, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (3, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (4, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (5, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (6, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (7, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (8, 0, '0000000000000000000000000000000000000000000000000000000000000000');
