-- Sub-merchant applications a provider submitted through the v3 applyment API (特约商户进件).
-- Owned by io.lingqian.partner. The shop itself is a partner_sub_merchant with an ordinary
-- merchant_application; this row keeps what only the API has: the applyment_id, the stage before
-- staff review (account verification by the legal person), a keyed digest of the content for
-- idempotency on business_code, the sensitive fields sealed, and the sign link's token.
CREATE TABLE partner_applyment (
    applyment_id     BIGINT       PRIMARY KEY,
    provider_id      BIGINT       NOT NULL REFERENCES partner_provider (merchant_id),
    sub_merchant_id  BIGINT       NOT NULL UNIQUE REFERENCES merchant (id),
    business_code    VARCHAR(124) NOT NULL,
    -- The stage this context owns: ACCOUNT_NEED_VERIFY, REJECTED (the data check refused it) or AUDITING
    -- (handed to staff: from there the merchant application's state decides; CLOSED cancels any stage).
    stage            VARCHAR(24)  NOT NULL,
    -- Field → reason when the data check rejected it, as JSON; null otherwise.
    check_rejections TEXT,
    -- HMAC of the decrypted content (FieldCipher.blindIndex): the same business_code with other content is refused.
    content_digest   VARCHAR(128) NOT NULL,
    -- The decrypted sensitive fields (identity card, contact id, account), sealed with FieldCipher.
    sensitive_sealed TEXT         NOT NULL,
    -- The sign link's token, sealed (shown again on every query) and as a blind index (looked up).
    sign_token_sealed VARCHAR(512) NOT NULL,
    sign_token_index VARCHAR(128) NOT NULL UNIQUE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (provider_id, business_code)
);
