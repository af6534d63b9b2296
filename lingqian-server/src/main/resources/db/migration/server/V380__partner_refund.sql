-- The partner side of a refund a service provider asked for on a sub-merchant's order with a
-- notify_url of its own: the REFUND.* notification goes to the provider in the partner shape. The
-- refund itself is the sub-merchant's (refund table) and carries no notify_url, so the direct-mode
-- notifier sends nothing. Owned by io.lingqian.partner.
CREATE TABLE partner_refund (
    sub_merchant_id  BIGINT       NOT NULL REFERENCES merchant (id),
    out_refund_no    VARCHAR(64)  NOT NULL,
    provider_id      BIGINT       NOT NULL REFERENCES partner_provider (merchant_id),
    notify_url       VARCHAR(255) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sub_merchant_id, out_refund_no)
);

-- A payment-code (v2 micropay) order a provider placed has no notify_url: the answer is synchronous.
ALTER TABLE partner_order ALTER COLUMN notify_url DROP NOT NULL;
