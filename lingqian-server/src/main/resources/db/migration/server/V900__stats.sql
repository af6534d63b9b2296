-- Statistics: summary tables folded incrementally from the ledger's journal. Owned by io.lingqian.stats.
-- Every row here can be dropped and rebuilt from ledger_transfer (StatsRollup.rebuild).

-- The high-water mark: the highest journal seq folded. One row, locked by each fold so that two
-- instances never fold the same transfer twice.
CREATE TABLE stats_cursor (
    name      VARCHAR(32) PRIMARY KEY,
    last_seq  BIGINT      NOT NULL
);
INSERT INTO stats_cursor (name, last_seq) VALUES ('journal', 0);

-- Transfers folded within the look-back window below the mark. A batch takes its seq before it
-- commits, so a batch with a lower seq can commit after one with a higher seq; each fold re-reads
-- the window and skips what is listed here, and rows far below the mark are pruned.
CREATE TABLE stats_folded (
    transfer_id  VARCHAR(128) PRIMARY KEY,
    seq          BIGINT       NOT NULL
);
CREATE INDEX stats_folded_seq_idx ON stats_folded (seq);

-- Per China Standard Time day, scene, merchant category and merchant (0 and '-' for wallet scenes).
CREATE TABLE stats_daily_scene (
    stat_day DATE        NOT NULL,
    scene          VARCHAR(16) NOT NULL,
    category       VARCHAR(32) NOT NULL,
    merchant_id    BIGINT      NOT NULL,
    txn_count      BIGINT      NOT NULL,
    txn_fen        BIGINT      NOT NULL,
    fee_fen        BIGINT      NOT NULL,
    refund_count   BIGINT      NOT NULL,
    refund_fen     BIGINT      NOT NULL,
    -- of txn_fen, paid by coupons (their funders' money, not the payer's)
    coupon_fen     BIGINT      NOT NULL,
    CONSTRAINT stats_daily_scene_pk PRIMARY KEY (stat_day, scene, category, merchant_id)
);
CREATE INDEX stats_daily_scene_merchant_idx ON stats_daily_scene (merchant_id, stat_day);

-- Money flows per day: fee income by fee kind, coupon spending by funder, compensation paid.
CREATE TABLE stats_daily_flow (
    stat_day DATE         NOT NULL,
    flow        VARCHAR(16)  NOT NULL,
    party       VARCHAR(100) NOT NULL,
    txn_count   BIGINT       NOT NULL,
    amount_fen  BIGINT       NOT NULL,
    CONSTRAINT stats_daily_flow_pk PRIMARY KEY (stat_day, flow, party)
);

-- Wallets with a posted movement on a day (active users).
CREATE TABLE stats_user_active (
    stat_day DATE   NOT NULL,
    user_id  BIGINT NOT NULL,
    CONSTRAINT stats_user_active_pk PRIMARY KEY (stat_day, user_id)
);

-- Users per day and account class, a snapshot taken by the roll-up of that day.
CREATE TABLE stats_users_daily (
    stat_day DATE        NOT NULL,
    account_class  VARCHAR(8)  NOT NULL,
    registered     BIGINT      NOT NULL,
    verified       BIGINT      NOT NULL,
    with_card      BIGINT      NOT NULL,
    active         BIGINT      NOT NULL,
    CONSTRAINT stats_users_daily_pk PRIMARY KEY (stat_day, account_class)
);

-- Red packets sent and opened per second (the hour is kept for grouping), for hourly totals and peaks.
CREATE TABLE stats_red_packet_second (
    second_at   TIMESTAMP WITH TIME ZONE NOT NULL PRIMARY KEY,
    stat_day DATE   NOT NULL,
    hour_of_day INTEGER NOT NULL,
    sent        BIGINT NOT NULL,
    opened      BIGINT NOT NULL,
    sent_fen    BIGINT NOT NULL,
    opened_fen  BIGINT NOT NULL
);
CREATE INDEX stats_red_packet_second_day_idx ON stats_red_packet_second (stat_day);

-- Payments per merchant, day and paying user, for the merchant's customer analytics.
CREATE TABLE stats_merchant_customer (
    merchant_id  BIGINT NOT NULL,
    stat_day DATE   NOT NULL,
    user_id      BIGINT NOT NULL,
    payments     BIGINT NOT NULL,
    amount_fen   BIGINT NOT NULL,
    CONSTRAINT stats_merchant_customer_pk PRIMARY KEY (merchant_id, stat_day, user_id)
);
