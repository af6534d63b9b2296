-- Owned by io.lingqian.risk (docs/risk.md). Refunds and complaints now feed risk_merchant_stats, so the
-- merchant rate rules leave test mode, and a merchant refunding more than half of its payments (a sign
-- of cashing out or laundering through refunds) is refused outright. A new rule version is derived from
-- the one in force, so staff edits survive; a rule line staff changed is left as they wrote it.
INSERT INTO risk_rule_version (version, source, saved_by, note, saved_at)
SELECT v.version + 1,
       replace(replace(v.source,
           'merchant.refund.rate > 30 then CHALLENGE mode test', 'merchant.refund.rate > 30 then CHALLENGE'),
           'merchant.complaint.rate >= 5 then CHALLENGE mode test', 'merchant.complaint.rate >= 5 then CHALLENGE')
       || '
rule merchant-refunds-extreme on PAYMENT when merchant.payments >= 100 and merchant.refund.rate > 50 then DENY reason "The merchant refunds most of its payments"
',
       'system', 'merchant rate rules enforced (V840)', TIMESTAMP WITH TIME ZONE '2026-02-01 00:00:00+00'
FROM risk_rule_version v
WHERE v.version = (SELECT MAX(version) FROM risk_rule_version);
