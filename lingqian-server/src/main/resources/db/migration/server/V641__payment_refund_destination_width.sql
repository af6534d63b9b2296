-- Owned by io.lingqian.payment. Refund destinations now include MERCHANT_BANK_CARD (18 characters):
-- an ABNORMAL refund re-applied to the merchant (docs/payments.md, "Refunds of card payments").
ALTER TABLE payment_refund ALTER COLUMN destination SET DATA TYPE VARCHAR(24);
