-- Claims walk the runnable jobs of a pool per priority level, oldest first (JobQueue.claim):
-- this index serves both the level skip-scan and the per-level head lookup without sorting the pool.
CREATE INDEX IF NOT EXISTS idx_jobs_runnable_order ON jobs (pool, priority DESC, next_run_at, created_at)
    WHERE status = 'queued';
