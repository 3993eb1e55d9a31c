package dev.beampipe.model.maintenance;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;

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
        return db.inTransaction(sql -> {
            List<Row> rows = sql.list("SELECT uuid, lease_owner, lease_token, attempts, max_attempts FROM jobs "
                    + "WHERE status = 'running' AND COALESCE(lease_expires_at, locked_until, '-infinity'::timestamptz) <= now() "
                    + "AND attempts >= max_attempts FOR UPDATE SKIP LOCKED LIMIT 500", r -> r);
            for (Row c : rows) {
                String reason = "lease expired on attempt " + c.getInteger("attempts") + " of " + c.getInteger("max_attempts")
                        + " (worker lost or stalled); not recovered again";
                sql.update("UPDATE jobs SET status = 'dead_letter', dead_lettered_at = now(), dead_letter_reason = $2, "
                        + "last_error = $2, failure_class = 'timeout', lease_owner = NULL, lease_token = NULL, "
                        + "lease_expires_at = NULL, locked_until = NULL, heartbeat_at = NULL, updated_at = now() "
                        + "WHERE uuid = $1", c.getUUID("uuid"), reason);
                sql.update("INSERT INTO job_claim_history (uuid, job_id, worker_id, lease_token, event, details) "
                                + "VALUES ($1, $2, $3, $4, 'dead_lettered', $5)", Uuid7.next(), c.getUUID("uuid"),
                        c.getUUID("lease_owner"), c.getUUID("lease_token"),
                        new JsonObject().put("failure_class", "timeout").put("reason", "lease_expired_attempts_exhausted"));
            }
            return rows.size();
        });
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
