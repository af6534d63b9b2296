-- Owned by io.lingqian.credentials: how the merchant verifies what Lingqian sends it unasked (the
-- notifications), with the platform public key (PUB_KEY_ID_…, the default: no row) or with the platform
-- certificates it downloads from /v3/certificates. Responses need no setting: they are signed with the
-- key the request names.
CREATE TABLE merchant_platform_verification (
    merchant_id  BIGINT      PRIMARY KEY REFERENCES merchant (id),
    mode         VARCHAR(16) NOT NULL CHECK (mode IN ('PUBLIC_KEY', 'CERTIFICATE')),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
