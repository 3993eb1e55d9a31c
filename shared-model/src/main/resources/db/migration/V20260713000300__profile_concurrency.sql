-- Migration 8 (reference 20260713000300_profile_concurrency.sql).
-- Per-profile admission cap: NULL = no cap, otherwise a positive number of concurrently
-- active executions. Plus an index for counting a profile's active executions.

ALTER TABLE daliuge_deployment_profile
    ADD COLUMN IF NOT EXISTS max_concurrent_executions INTEGER NULL;

ALTER TABLE daliuge_deployment_profile
    DROP CONSTRAINT IF EXISTS ck_deployment_profile_concurrency;
ALTER TABLE daliuge_deployment_profile
    ADD CONSTRAINT ck_deployment_profile_concurrency
    CHECK (max_concurrent_executions IS NULL OR max_concurrent_executions > 0);

CREATE INDEX IF NOT EXISTS idx_execution_active_profile
    ON batch_execution_record (deployment_profile_id, status)
    WHERE status IN ('pending', 'running', 'awaiting_scheduler', 'retrying');
