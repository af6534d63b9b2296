-- A service provider's commission on one settlement of one of its sub-merchants: the configured share
-- of the fees of the period that settlement covers, moved from the platform's fee income to the
-- provider's settlement account in the settlement's transaction (ledger transfer
-- "commission:<settlement_id>"). One row per settlement. Owned by io.lingqian.partner.
CREATE TABLE partner_commission (
    settlement_id    BIGINT  PRIMARY KEY,
    provider_id      BIGINT  NOT NULL REFERENCES partner_provider (merchant_id),
    sub_merchant_id  BIGINT  NOT NULL REFERENCES merchant (id),
    settlement_date  DATE    NOT NULL,
    fees_fen         BIGINT  NOT NULL,
    basis_points     INT     NOT NULL,
    commission_fen   BIGINT  NOT NULL CHECK (commission_fen >= 0),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX partner_commission_provider_idx ON partner_commission (provider_id, settlement_date);
