-- Owned by io.lingqian.api.
-- Nonces of accepted v3 requests, kept until the timestamp window has passed, so a replay is refused
-- whichever instance it reaches.
CREATE TABLE api_nonce (
    mchid       CHAR(10)     NOT NULL,
    nonce       VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (mchid, nonce)
);

CREATE INDEX api_nonce_expires_idx ON api_nonce (expires_at);
