-- The end-of-day close, one report per China Standard Time day, rewritten in place by a re-run.
-- Owned by io.lingqian.operations.
CREATE TABLE eod_report (
    stat_day     DATE         NOT NULL PRIMARY KEY,
    state        VARCHAR(12)  NOT NULL CONSTRAINT eod_report_state_check
        CHECK (state IN ('RUNNING', 'OK', 'ATTENTION', 'FAILED')),
    runs         INTEGER      NOT NULL,
    closed_by    VARCHAR(100) NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);

-- Each step's result: a status and the figures it reported, one per line.
CREATE TABLE eod_step (
    stat_day  DATE          NOT NULL REFERENCES eod_report (stat_day),
    step_no   INTEGER       NOT NULL,
    step      VARCHAR(32)   NOT NULL,
    status    VARCHAR(12)   NOT NULL CONSTRAINT eod_step_status_check CHECK (status IN ('OK', 'ATTENTION', 'FAILED')),
    summary   VARCHAR(4000) NOT NULL,
    CONSTRAINT eod_step_pk PRIMARY KEY (stat_day, step_no)
);
