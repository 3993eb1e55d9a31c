-- beampipe addition (decision 20): a worker that missed its heartbeats for
-- max(30 s, 3 x heartbeat interval) is marked 'lost' by the scheduler's lost-worker tick; a lost
-- worker's concurrency no longer counts toward its pool. It becomes 'active' again if it
-- heartbeats. lost_at records when it was marked.

-- Widen ck_worker_status with 'lost' (drop + re-add), only while the check does not accept it
-- yet, so that a manual re-run never narrows a check widened by a later migration.
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1
          FROM pg_constraint
         WHERE conrelid = 'worker_instances'::regclass
           AND conname = 'ck_worker_status'
           AND pg_get_constraintdef(oid) LIKE '%''lost''%'
    ) THEN
        ALTER TABLE worker_instances DROP CONSTRAINT IF EXISTS ck_worker_status;
        ALTER TABLE worker_instances ADD CONSTRAINT ck_worker_status
            CHECK (status IN ('active', 'draining', 'stopped', 'unhealthy', 'lost'));
    END IF;
END
$$;

ALTER TABLE worker_instances
    ADD COLUMN IF NOT EXISTS lost_at TIMESTAMPTZ NULL;
