-- Devices, API tokens and payment codes. Owned by io.lingqian.wallet.

CREATE TABLE wallet_device (
    user_id        BIGINT       NOT NULL REFERENCES wallet_user (id),
    device_id      VARCHAR(64)  NOT NULL,
    name           VARCHAR(100) NOT NULL,
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, device_id)
);

-- Bearer tokens of the wallet API: only the SHA-256 of a token is stored.
CREATE TABLE wallet_token (
    token_hash  CHAR(64)     PRIMARY KEY,
    user_id     BIGINT       NOT NULL REFERENCES wallet_user (id),
    device_id   VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked     BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX wallet_token_user_idx ON wallet_token (user_id);

CREATE TABLE wallet_payment_code (
    code        CHAR(18)     PRIMARY KEY,
    user_id     BIGINT       NOT NULL REFERENCES wallet_user (id),
    device_id   VARCHAR(64)  NOT NULL,
    status      VARCHAR(8)   NOT NULL CONSTRAINT wallet_payment_code_status_check
                                      CHECK (status IN ('ACTIVE', 'USED', 'REVOKED')),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX wallet_payment_code_user_idx ON wallet_payment_code (user_id, status);
