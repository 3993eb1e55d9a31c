-- beampipe addition (decision 16): fixed-window rate-limit counters, replacing the reference's
-- Redis. key = client IP + route; incremented with an atomic upsert. UNLOGGED: the counters are
-- disposable (lost on a crash, not replicated) and cheap to write.

CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_counters (
    key           TEXT         NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    count         INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (key, window_start)
);
