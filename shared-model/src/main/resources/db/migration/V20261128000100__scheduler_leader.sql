-- beampipe addition (decision 1): visibility of the scheduler leader.
-- The leader lock itself is a session-level pg_try_advisory_lock held by scheduler-service on a
-- dedicated connection; this row only records who holds it. Each acquisition increments epoch,
-- so every tick can be attributed to one leadership term.

CREATE TABLE IF NOT EXISTS scheduler_leader (
    name          TEXT         PRIMARY KEY,
    holder_id     UUID         NULL,            -- process identity of the current holder
    holder        TEXT         NULL,            -- its instance name (for humans)
    epoch         BIGINT       NOT NULL DEFAULT 0,
    acquired_at   TIMESTAMPTZ  NULL,
    heartbeat_at  TIMESTAMPTZ  NULL
);

-- One row per recurring tick run by a leader: which term ran it and how it ended.
CREATE TABLE IF NOT EXISTS scheduler_tick_log (
    uuid         UUID         PRIMARY KEY,
    tick_name    TEXT         NOT NULL,
    epoch        BIGINT       NOT NULL,
    holder_id    UUID         NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    finished_at  TIMESTAMPTZ  NULL,
    outcome      VARCHAR(32)  NULL,
    details      JSONB        NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX IF NOT EXISTS idx_scheduler_tick_log_tick
    ON scheduler_tick_log (tick_name, started_at);

INSERT INTO scheduler_leader (name, holder_id, holder, epoch, acquired_at, heartbeat_at)
VALUES ('beampipe-scheduler', NULL, NULL, 0, NULL, NULL)
ON CONFLICT DO NOTHING;
