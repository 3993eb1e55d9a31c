package dev.beampipe.worker.maintenance;

import dev.beampipe.model.workers.WorkerRegistry;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/** Marks workers without a heartbeat for {@code stale_after_seconds} as lost (decision 20); reschedules itself. */
public final class LostWorkerTick implements JobHandler {
    private static final Logger LOG = Logger.getLogger(LostWorkerTick.class);
    private final WorkerRegistry registry;

    public LostWorkerTick(WorkerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String kind() {
        return MaintenanceKinds.LOST_WORKERS;
    }

    @Override
    public JobResult handle(JobContext context) {
        int staleAfter = Math.max(30, context.job().payload().getInteger("stale_after_seconds", 30));
        List<UUID> lost = registry.markLost(staleAfter);
        for (UUID id : lost) {
            LOG.warnf("event=worker_lost worker_id=%s stale_after_seconds=%d", id, staleAfter);
        }
        return JobResult.rescheduleIn(context.job().payload().getLong("interval_secs", 10L));
    }
}
