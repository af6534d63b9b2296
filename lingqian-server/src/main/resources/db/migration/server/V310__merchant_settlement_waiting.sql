-- A settlement can wait for the paying bank's reserve: WAITING. V300 declared the state's check
-- without a name, which H2 and PostgreSQL name differently, so the column is replaced to replace
-- its check (dropping a column drops its check and index on both).
ALTER TABLE merchant_settlement ADD COLUMN state_with_waiting VARCHAR(16);
UPDATE merchant_settlement SET state_with_waiting = state;
DROP INDEX merchant_settlement_state_idx;
ALTER TABLE merchant_settlement DROP COLUMN state;
ALTER TABLE merchant_settlement RENAME COLUMN state_with_waiting TO state;
ALTER TABLE merchant_settlement ALTER COLUMN state SET NOT NULL;
ALTER TABLE merchant_settlement ADD CONSTRAINT merchant_settlement_state_check
    CHECK (state IN ('NOTHING_DUE', 'WAITING', 'IN_TRANSIT', 'UNKNOWN', 'PAID', 'FAILED'));
CREATE INDEX merchant_settlement_state_idx ON merchant_settlement (state);
