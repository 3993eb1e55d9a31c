-- beampipe addition: wake idle workers when a job becomes runnable, instead of waiting for
-- their next poll. Workers LISTEN on channel 'beampipe_jobs'; the payload is the job's pool.
-- Polling stays the fallback (jobs that become due later, missed notifications, and so on).
-- NOTIFY is transactional: it is delivered on commit, and identical payloads raised in one
-- transaction are delivered once.

CREATE OR REPLACE FUNCTION beampipe_notify_job_runnable() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('beampipe_jobs', NEW.pool);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS trg_jobs_notify_runnable ON jobs;
CREATE TRIGGER trg_jobs_notify_runnable
    AFTER INSERT OR UPDATE OF status, next_run_at ON jobs
    FOR EACH ROW
    WHEN (NEW.status = 'queued' AND NEW.next_run_at <= now())
    EXECUTE FUNCTION beampipe_notify_job_runnable();
