package dev.beampipe.worker.maintenance;

import dev.beampipe.model.maintenance.QueueMaintenance;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import org.jboss.logging.Logger;

/** Dead-letters running jobs whose lease expired with no attempts left (decision 4); reschedules itself. */
public final class LeaseRecoveryTick implements JobHandler {
    private static final Logger LOG = Logger.getLogger(LeaseRecoveryTick.class);
    private final QueueMaintenance maintenance;

    public LeaseRecoveryTick(QueueMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public String kind() {
        return MaintenanceKinds.LEASE_RECOVERY;
    }

    @Override
    public JobResult handle(JobContext context) {
        int deadLettered = maintenance.deadLetterExhaustedLeases();
        if (deadLettered > 0) {
            LOG.warnf("event=lease_recovery_dead_lettered count=%d", deadLettered);
        }
        return JobResult.rescheduleIn(context.job().payload().getLong("interval_secs", 15L));
    }
}
