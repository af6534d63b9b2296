-- Owned by io.lingqian.payment: payment-code (付款码, v2 micropay) orders live in payment_order with
-- trade_type MICROPAY. WeChat's v2 micropay has no notify_url (the merchant learns the outcome from
-- the answer, orderquery or reverse), so the column becomes optional.
ALTER TABLE payment_order DROP CONSTRAINT payment_order_type_check;
ALTER TABLE payment_order ADD CONSTRAINT payment_order_type_check
    CHECK (trade_type IN ('JSAPI', 'NATIVE', 'APP', 'MWEB', 'MICROPAY'));
ALTER TABLE payment_order ALTER COLUMN notify_url DROP NOT NULL;
-- The wallet lists the payments waiting for the payer's password.
CREATE INDEX payment_order_waiting_idx ON payment_order (payer_user_id, trade_state);

-- Owned by io.lingqian.credentials: the merchant's API key of the v2 protocol ("API密钥", 32
-- characters), which signs v2 XML requests and answers (MD5 or HMAC-SHA256). Sealed with FieldCipher,
-- not hashed: Lingqian signs its answers with it.
CREATE TABLE merchant_api_v2_key (
    merchant_id  BIGINT PRIMARY KEY REFERENCES merchant (id),
    key_sealed   TEXT   NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
