-- Indexes on io.lingqian.payment's payment_order for its read-only reports (PaymentRecords):
-- a merchant's orders paid on one day, in order of payment (the trade bill's cursor), and a
-- merchant's orders newest first (the portal's order list).
CREATE INDEX payment_order_merchant_success_idx ON payment_order (merchant_id, success_time);
CREATE INDEX payment_order_merchant_created_idx ON payment_order (merchant_id, created_at);
