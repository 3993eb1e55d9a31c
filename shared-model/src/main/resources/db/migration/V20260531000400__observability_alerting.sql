-- Migration 4 (reference 20260531000400_observability_alerting.sql).
-- Append-only provenance stream plus the in-app alerting tables
-- (notification channels, alert rules, delivery log).

CREATE TABLE IF NOT EXISTS provenance_events (
    id                 UUID         PRIMARY KEY,
    occurred_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    event_type         TEXT         NOT NULL,
    project_module     TEXT         NOT NULL,
    source_identifier  TEXT         NULL,
    execution_id       UUID         NULL,   -- deliberately no FK: events outlive executions
    actor              TEXT         NULL,
    correlation_id     TEXT         NULL,
    payload            JSONB        NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX IF NOT EXISTS idx_provenance_events_project_occurred
    ON provenance_events (project_module, occurred_at DESC);
CREATE INDEX IF NOT EXISTS idx_provenance_events_execution
    ON provenance_events (execution_id, occurred_at DESC)
    WHERE execution_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_provenance_events_source
    ON provenance_events (project_module, source_identifier, occurred_at DESC)
    WHERE source_identifier IS NOT NULL;

-- Where alerts are sent. config may hold secrets (webhook URLs); the API redacts it.
CREATE TABLE IF NOT EXISTS notification_channels (
    uuid        UUID         PRIMARY KEY,
    name        TEXT         NOT NULL UNIQUE,
    kind        TEXT         NOT NULL CHECK (kind IN ('webhook', 'email')),
    config      JSONB        NOT NULL DEFAULT '{}'::jsonb,
    enabled     BOOLEAN      NOT NULL DEFAULT true,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NULL
);

-- What triggers an alert. project_module NULL = all projects.
CREATE TABLE IF NOT EXISTS alert_rules (
    uuid              UUID         PRIMARY KEY,
    name              TEXT         NOT NULL,
    project_module    TEXT         NULL,
    enabled           BOOLEAN      NOT NULL DEFAULT true,
    severity          TEXT         NOT NULL DEFAULT 'warning',
    trigger_kind      TEXT         NOT NULL,
    trigger_config    JSONB        NOT NULL DEFAULT '{}'::jsonb,
    channel_ids       UUID[]       NOT NULL DEFAULT '{}',
    cooldown_minutes  INT          NOT NULL DEFAULT 60,
    last_fired_at     TIMESTAMPTZ  NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NULL
);

CREATE INDEX IF NOT EXISTS idx_alert_rules_project
    ON alert_rules (project_module);

-- Delivery log (payload and error are stored redacted).
CREATE TABLE IF NOT EXISTS alert_deliveries (
    uuid        UUID         PRIMARY KEY,
    rule_id     UUID         NULL REFERENCES alert_rules (uuid) ON DELETE SET NULL,
    channel_id  UUID         NULL REFERENCES notification_channels (uuid) ON DELETE SET NULL,
    status      TEXT         NOT NULL,
    payload     JSONB        NOT NULL DEFAULT '{}'::jsonb,
    error       TEXT         NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS idx_alert_deliveries_created
    ON alert_deliveries (created_at DESC);
