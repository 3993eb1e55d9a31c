package dev.beampipe.worker.discovery;

import dev.beampipe.model.discovery.DiscoveryBatches;
import dev.beampipe.model.discovery.ProjectDiscovery;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import org.jboss.logging.Logger;

/**
 * {@code scheduler_tick}: admits the payload's project now (10-state-and-jobs §3.1). The manual trigger
 * ({@code discover_trigger:<module>}) has no required capability, so any worker may claim it before the
 * scheduler's discovery tick does; both run the same {@link ProjectDiscovery} admission, and only sources that
 * are due and unclaimed are admitted, so running it twice admits nothing twice.
 */
public final class DiscoveryTriggerHandler implements JobHandler {
    public static final String KIND = "scheduler_tick";
    private static final Logger LOG = Logger.getLogger(DiscoveryTriggerHandler.class);

    private final ProjectDiscovery discovery;
    private final String pool;

    public DiscoveryTriggerHandler(ProjectDiscovery discovery, String pool) {
        this.discovery = discovery;
        this.pool = pool;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobResult handle(JobContext context) {
        String module = context.job().payload().getString("project_module");
        if (module == null || module.isBlank()) {
            throw new IllegalArgumentException("scheduler_tick payload has no project_module");
        }
        context.checkLease();
        DiscoveryBatches.Admission admission = discovery.admitNow(module, pool);
        LOG.infof("event=discovery_trigger_admitted project=%s batches=%d skipped=%s", module,
                admission.batches().size(), admission.skipped().orElse("no"));
        return JobResult.done();
    }
}
