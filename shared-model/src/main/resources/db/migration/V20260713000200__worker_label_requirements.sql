-- Migration 7 (reference 20260713000200_worker_label_requirements.sql).
-- Placement requirements: a job may only be claimed by a worker whose labels contain
-- required_labels (JSONB @>). Plus an index for the live-lease counts per pool.

ALTER TABLE jobs
    ADD COLUMN IF NOT EXISTS required_labels JSONB NOT NULL DEFAULT '{}'::jsonb;

CREATE INDEX IF NOT EXISTS idx_jobs_required_labels
    ON jobs USING GIN (required_labels jsonb_path_ops);

CREATE INDEX IF NOT EXISTS idx_jobs_active_pool
    ON jobs (pool, status, lease_expires_at)
    WHERE status = 'running';
