package dev.beampipe.model.discovery;

import dev.beampipe.model.config.model.Adapters;
import dev.beampipe.model.config.model.DiscoveryAutomation;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.tap.TapGate;
import dev.beampipe.model.tap.TapHealth;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Discovery admission for one project, shared by the scheduler's discovery tick and the worker's
 * {@code scheduler_tick} handler: whichever process takes a manual trigger ({@code discover_trigger:<module>})
 * admits the module's due sources with the limits of its active config (or the defaults). Only the automated path
 * consults the TAP gate; a manual trigger is admitted whatever the probe says (an operator asked).
 */
public final class ProjectDiscovery {
    private static final Logger LOG = Logger.getLogger(ProjectDiscovery.class);
    /** Process caps (no setting yet): global in-flight discover batches and batches per admission. */
    public static final int GLOBAL_IN_FLIGHT_CAP = 100;
    public static final int PROCESS_BATCH_LIMIT = 100;

    private final ConfigRevisions revisions;
    private final DiscoveryBatches batches;

    public ProjectDiscovery(Database db) {
        this.revisions = new ConfigRevisions(db);
        this.batches = new DiscoveryBatches(db);
    }

    /** Admit now, whatever {@code automation.discovery.enabled} says (an operator asked for it). */
    public DiscoveryBatches.Admission admitNow(String module, String pool) {
        Optional<ConfigRevision> active = revisions.active(module);
        DiscoveryLimits limits = active.flatMap(ProjectDiscovery::automation).map(ProjectDiscovery::limits)
                .orElse(limits(DiscoveryAutomation.DEFAULT));
        return batches.admit(module, active.map(ConfigRevision::version).orElse(0), limits, GLOBAL_IN_FLIGHT_CAP, pool);
    }

    /**
     * The automated admission of an active revision with discovery enabled; empty when it is not enabled. Gated by
     * the TAP probe first (10-state-and-jobs §3.8 step 1): a required adapter probing {@code error} skips the
     * project with {@link TapGate#TAP_UNREACHABLE} and claims nothing.
     */
    public Optional<DiscoveryBatches.Admission> admitAutomated(ConfigRevision revision, String pool, TapHealth tap) {
        Optional<ProjectConfig> config = bind(revision);
        Optional<DiscoveryAutomation> enabled = config.flatMap(ProjectDiscovery::automation).filter(DiscoveryAutomation::enabled);
        if (enabled.isEmpty()) {
            return Optional.empty();
        }
        Adapters adapters = config.get().adapters() == null ? Adapters.DEFAULT : config.get().adapters();
        if (tap.checkEnabled() && !adapters.required().isEmpty()) {
            Optional<String> skip = TapGate.skipReason(true, adapters.required(), tap.states(adapters));
            if (skip.isPresent()) {
                return Optional.of(new DiscoveryBatches.Admission(List.of(), skip));
            }
        }
        return Optional.of(batches.admit(revision.projectId(), revision.version(), limits(enabled.get()),
                GLOBAL_IN_FLIGHT_CAP, pool));
    }

    /** The revision's {@code automation.discovery}; empty when the stored spec no longer binds. */
    public static Optional<DiscoveryAutomation> automation(ConfigRevision revision) {
        return bind(revision).flatMap(ProjectDiscovery::automation);
    }

    private static Optional<DiscoveryAutomation> automation(ProjectConfig config) {
        return Optional.ofNullable(config.automation()).map(a -> a.discovery());
    }

    private static Optional<ProjectConfig> bind(ConfigRevision revision) {
        Optional<ProjectConfig> config = revision.bound();
        if (config.isEmpty()) {
            LOG.warnf("event=discovery_config_unreadable project=%s version=%d", revision.projectId(), revision.version());
        }
        return config;
    }

    public static DiscoveryLimits limits(DiscoveryAutomation d) {
        return DiscoveryLimits.resolve(clamp(d.batchSize()), clamp(d.tickDiscoverySourceLimit()),
                d.tickDiscoveryBatchLimit() == null ? null : clamp(d.tickDiscoveryBatchLimit()),
                clamp(d.claimTtlMinutes()), d.staleAfterHours(),
                d.queueMaxDepth() == null ? null : clamp(d.queueMaxDepth()),
                d.concurrentDiscoveryBatchLimit() == null ? null : clamp(d.concurrentDiscoveryBatchLimit()),
                PROCESS_BATCH_LIMIT, null);
    }

    private static int clamp(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
