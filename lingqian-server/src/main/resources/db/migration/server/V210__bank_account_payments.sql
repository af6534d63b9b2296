-- Payments to corporate accounts (merchant settlements) in the simulated bank's books, next to card
-- debits and credits so they appear on the same daily statement. For these rows card_index is the
-- keyed hash of bank, account number and holder, and card_last4 the account's last four digits.
ALTER TABLE bank_sim_operation DROP CONSTRAINT bank_sim_operation_kind_check;
ALTER TABLE bank_sim_operation ALTER COLUMN kind SET DATA TYPE VARCHAR(16);
ALTER TABLE bank_sim_operation ADD CONSTRAINT bank_sim_operation_kind_check
    CHECK (kind IN ('DEBIT', 'CREDIT', 'ACCOUNT_CREDIT'));
