-- Money that came back (a returned, withdrawn or expired transfer, a red packet's refunded remainder)
-- no longer counts against the sender's limits: the part released is kept on the outflow's row.
ALTER TABLE wallet_outflow ADD COLUMN released_fen BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE wallet_outflow ADD CONSTRAINT wallet_outflow_released_check
    CHECK (released_fen >= 0 AND released_fen <= amount_fen);
