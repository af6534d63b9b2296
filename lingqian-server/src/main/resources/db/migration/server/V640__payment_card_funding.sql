-- Owned by io.lingqian.payment. A payment made with a bound card rather than the balance: which
-- card (wallet_card.id), so refunds go back to it, and WeChat's bank_type for it (e.g. ICBC_DEBIT;
-- OTHERS for the balance, the default).
ALTER TABLE payment_order ADD COLUMN funding_card_id BIGINT;
ALTER TABLE payment_order ADD COLUMN bank_type VARCHAR(32);
