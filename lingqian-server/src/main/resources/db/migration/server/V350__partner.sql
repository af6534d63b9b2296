-- Service providers (服务商), their sub-merchants (特约商户) and the orders a provider placed for
-- them. Owned by io.lingqian.partner. Only the merchant table is referenced: the payment tables are
-- created by later migrations, so partner_order names its order by (sub-merchant, out_trade_no).

-- A merchant whose application is for a service provider: once active its mchid is an sp_mchid.
CREATE TABLE partner_provider (
    merchant_id  BIGINT PRIMARY KEY REFERENCES merchant (id),
    declared_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A sub-merchant is bound to exactly one provider, for life.
CREATE TABLE partner_sub_merchant (
    merchant_id    BIGINT       PRIMARY KEY REFERENCES merchant (id),
    provider_id    BIGINT       NOT NULL REFERENCES partner_provider (merchant_id),
    -- The provider's own number for the application (v3 applyment business_code).
    business_code  VARCHAR(124) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (provider_id, business_code)
);

CREATE INDEX partner_sub_merchant_provider_idx ON partner_sub_merchant (provider_id, created_at);

-- The partner side of an order the provider placed for a sub-merchant: which provider, its sp_appid,
-- the sub_appid if any, and the provider's notify_url (the order itself carries none, so the
-- direct-mode notification is not sent to anyone).
CREATE TABLE partner_order (
    sub_merchant_id  BIGINT       NOT NULL REFERENCES merchant (id),
    out_trade_no     VARCHAR(32)  NOT NULL,
    provider_id      BIGINT       NOT NULL REFERENCES partner_provider (merchant_id),
    sp_appid         VARCHAR(32)  NOT NULL,
    sub_appid        VARCHAR(32),
    notify_url       VARCHAR(255) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sub_merchant_id, out_trade_no)
);

CREATE INDEX partner_order_provider_idx ON partner_order (provider_id, created_at);
