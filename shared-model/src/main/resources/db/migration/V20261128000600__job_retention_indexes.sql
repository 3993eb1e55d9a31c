-- beampipe addition (decision 4): completed jobs and claim history are purged after
-- BEAMPIPE_JOB_RETENTION_DAYS / BEAMPIPE_CLAIM_HISTORY_RETENTION_DAYS (default 14 each).
-- These indexes keep the purge queries from scanning the whole tables.

CREATE INDEX IF NOT EXISTS idx_jobs_completed_updated
    ON jobs (updated_at)
    WHERE status = 'completed';

CREATE INDEX IF NOT EXISTS idx_job_claim_history_occurred
    ON job_claim_history (occurred_at);
