-- Migration 11 (reference 20260822000300_cancelled_jobs.sql).
-- Cancelling an execution fences its queued/running execute jobs to 'cancelled'.

-- Widen ck_job_status with 'cancelled' (drop + re-add), only while the check does not accept it
-- yet, so that a manual re-run never narrows a check widened by a later migration.
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1
          FROM pg_constraint
         WHERE conrelid = 'jobs'::regclass
           AND conname = 'ck_job_status'
           AND pg_get_constraintdef(oid) LIKE '%''cancelled''%'
    ) THEN
        ALTER TABLE jobs DROP CONSTRAINT IF EXISTS ck_job_status;
        ALTER TABLE jobs ADD CONSTRAINT ck_job_status
            CHECK (status IN ('queued', 'running', 'completed', 'failed', 'dead_letter', 'cancelled'));
    END IF;
END
$$;
