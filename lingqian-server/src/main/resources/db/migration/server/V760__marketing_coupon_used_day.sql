-- Owned by io.lingqian.marketing. The China day (Asia/Shanghai) a coupon was used on, so the portal's
-- per-day budget table groups redemptions with a portable GROUP BY, like china_day does for sending.
-- Coupons used before this column existed have none and appear only in the stock's totals.
ALTER TABLE marketing_coupon ADD COLUMN used_china_day DATE;
CREATE INDEX marketing_coupon_stock_used_day_idx ON marketing_coupon (stock_row_id, used_china_day);
