package dev.beampipe.worker.maintenance;

import dev.beampipe.model.maintenance.QueueMaintenance;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import org.jboss.logging.Logger;

/**
 * Purges completed jobs older than {@code job_retention_days} and finished jobs' claim history older
 * than {@code claim_history_retention_days} (decision 4); reschedules itself.
 */
public final class RetentionTick implements JobHandler {
    private static final Logger LOG = Logger.getLogger(RetentionTick.class);
    private final QueueMaintenance maintenance;

    public RetentionTick(QueueMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public String kind() {
        return MaintenanceKinds.RETENTION;
    }

    @Override
    public JobResult handle(JobContext context) {
        int jobDays = Math.max(1, context.job().payload().getInteger("job_retention_days", 14));
        int historyDays = Math.max(1, context.job().payload().getInteger("claim_history_retention_days", 14));
        long history = maintenance.purgeClaimHistory(historyDays);
        context.checkLease();
        long jobs = maintenance.purgeCompletedJobs(jobDays);
        LOG.infof("event=retention_purged jobs=%d claim_history=%d", jobs, history);
        return JobResult.rescheduleIn(context.job().payload().getLong("interval_secs", 3600L));
    }
}
