-- Migration 15 (reference 20260822000700_submission_abandonment.sql).
-- Operator abandonment of an unresolved Slurm submission: a durable barrier against any later
-- automatic resubmission. It does not claim that the remote job does not exist.

ALTER TABLE batch_execution_record
    ADD COLUMN IF NOT EXISTS submission_abandoned_at TIMESTAMPTZ NULL;

CREATE INDEX IF NOT EXISTS idx_execution_submission_abandoned
    ON batch_execution_record (submission_abandoned_at)
    WHERE submission_abandoned_at IS NOT NULL
      AND scheduler_name = 'slurm'
      AND scheduler_job_id IS NULL;
