package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.db.Database;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;

import java.util.List;

/**
 * The recurring {@code dim_poll_tick} (10-state §3.9, 40-backends §3.10), the only poller of real sessions: it polls
 * every selected execution once ({@link DimPollTargets}, {@link DimPoller}). The selection holds only executions
 * submitted to real backends (their recorded {@code backend_mode}; for rows without one, this worker's
 * {@code BEAMPIPE_USE_REAL_BACKENDS}), whatever this worker's own mode; dry-run executions are completed by their
 * one-shot {@code dim_poll} jobs. It always succeeds and comes back after its payload's {@code interval_secs}
 * (default 3): per-execution errors are recorded on the executions.
 */
public final class DimPollTickHandler implements JobHandler {
    public static final String KIND = "dim_poll_tick";
    static final long DEFAULT_INTERVAL_SECONDS = 3;

    private final Database db;
    private final DimPoller poller;
    private final DimPollSettings settings;
    private final DimPollMetrics metrics;

    public DimPollTickHandler(Database db, DimPoller poller, DimPollSettings settings, DimPollMetrics metrics) {
        this.db = db;
        this.poller = poller;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobResult handle(JobContext context) throws InterruptedException {
        long interval = Math.max(1, context.job().payload().getLong("interval_secs", DEFAULT_INTERVAL_SECONDS));
        List<DimPollTarget> targets = DimPollTargets.pending(db.sql(), settings.batchLimit(), settings.useRealBackends());
        metrics.batch(targets.size());
        poller.pollAll(targets, context.correlationId(), context::checkLease);
        return JobResult.rescheduleIn(interval);
    }
}
