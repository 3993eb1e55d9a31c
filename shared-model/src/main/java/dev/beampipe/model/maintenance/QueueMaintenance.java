package dev.beampipe.model.maintenance;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.JobQueue;

/**
 * The queue's maintenance sweeps, run by the maintenance ticks: exhausted expired leases are
 * dead-lettered (decision 4) and old completed jobs and claim history are purged (retention).
 */
public final class QueueMaintenance {
    static final int PURGE_BATCH = 5_000;
    private final Database db;

    public QueueMaintenance(Database db) {
        this.db = db;
    }

    /**
     * Running jobs whose lease expired and whose attempts are used up are dead-lettered now instead of
     * waiting for a worker of the pool to find them. Jobs with attempts left stay claimable: the next
     * claim recovers them (history {@code recovered}). Returns how many were dead-lettered.
     */
    public int deadLetterExhaustedLeases() {
        return new JobQueue(db).deadLetterExhaustedLeases();
    }

    /** Deletes completed jobs older than {@code days} (their claim history cascades). */
    public long purgeCompletedJobs(int days) {
        long total = 0;
        int n;
        do {
            n = db.sql().update("DELETE FROM jobs WHERE uuid IN (SELECT uuid FROM jobs WHERE status = 'completed' "
                    + "AND COALESCE(updated_at, created_at) < now() - make_interval(days => $1) LIMIT $2)", days, PURGE_BATCH);
            total += n;
        } while (n == PURGE_BATCH);
        return total;
    }

    /** Deletes claim history older than {@code days} of jobs that are finished (never of live jobs). */
    public long purgeClaimHistory(int days) {
        long total = 0;
        int n;
        do {
            n = db.sql().update("DELETE FROM job_claim_history WHERE uuid IN (SELECT h.uuid FROM job_claim_history h "
                    + "JOIN jobs j ON j.uuid = h.job_id WHERE h.occurred_at < now() - make_interval(days => $1) "
                    + "AND j.status IN ('completed', 'failed', 'dead_letter', 'cancelled') LIMIT $2)", days, PURGE_BATCH);
            total += n;
        } while (n == PURGE_BATCH);
        return total;
    }
}
