package dev.beampipe.worker.slurmpoll;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.slurm.ssh.SshSessionPool;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;

import java.util.List;

/**
 * The recurring {@code slurm_poll_tick} (10-state §3.9, 40-backends §4.8–§4.9): first the name-lookup reconciliation
 * of unresolved submissions whose (recorded, else this worker's) backend mode is real ({@link SlurmNameReconciler}),
 * then one poll of every selected execution ({@link SlurmPollTargets}, {@link SlurmPoller}). It always succeeds and
 * comes back after its payload's {@code interval_secs} (default 30, at least 5): per-execution errors are recorded on
 * the executions.
 */
public final class SlurmPollTickHandler implements JobHandler {
    public static final String KIND = "slurm_poll_tick";
    static final long DEFAULT_INTERVAL_SECONDS = 30;
    static final long MINIMUM_INTERVAL_SECONDS = 5;

    private final Database db;
    private final SlurmNameReconciler reconciler;
    private final SlurmPoller poller;
    private final SlurmPollSettings settings;
    private final SlurmPollMetrics metrics;
    private final SshSessionPool pool;
    private final List<AutoCloseable> owned;

    /** @param pool the poller's session pool (for the sessions gauge); null when the poller does not pool */
    public SlurmPollTickHandler(Database db, SlurmNameReconciler reconciler, SlurmPoller poller,
                                SlurmPollSettings settings, SlurmPollMetrics metrics, SshSessionPool pool) {
        this(db, reconciler, poller, settings, metrics, pool, List.of());
    }

    /** @param owned what {@link #close()} closes, in order (the production wiring: its pool, then its SSH client) */
    public SlurmPollTickHandler(Database db, SlurmNameReconciler reconciler, SlurmPoller poller,
                                SlurmPollSettings settings, SlurmPollMetrics metrics, SshSessionPool pool,
                                List<AutoCloseable> owned) {
        this.owned = List.copyOf(owned);
        this.db = db;
        this.reconciler = reconciler;
        this.poller = poller;
        this.settings = settings;
        this.metrics = metrics;
        this.pool = pool;
    }

    SshSessionPool pool() {
        return pool;
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort on shutdown: the rest is still closed
            }
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobResult handle(JobContext context) throws InterruptedException {
        long interval = Math.max(MINIMUM_INTERVAL_SECONDS,
                context.job().payload().getLong("interval_secs", DEFAULT_INTERVAL_SECONDS));
        if (reconciler != null) { // it selects by each execution's recorded backend mode, not this worker's
            reconciler.reconcileAll(context.correlationId(), context::checkLease);
        }
        List<SlurmPollTarget> targets = SlurmPollTargets.pending(db.sql(), settings.batchLimit());
        metrics.batch(targets.size());
        poller.pollAll(targets, context.correlationId(), context::checkLease);
        if (pool != null) {
            pool.evictIdle();
            metrics.sessions(pool::activeByLoginNode);
        }
        return JobResult.rescheduleIn(interval);
    }
}
