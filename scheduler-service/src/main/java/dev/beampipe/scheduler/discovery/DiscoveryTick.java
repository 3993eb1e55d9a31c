package dev.beampipe.scheduler.discovery;

import dev.beampipe.model.config.binding.ConfigBinder;
import dev.beampipe.model.config.model.DiscoveryAutomation;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.DiscoveryBatches;
import dev.beampipe.model.discovery.DiscoveryLimits;
import dev.beampipe.scheduler.ticks.Tick;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The leader's discovery tick (30-project-config §3.12, decision 1): for every active project config with
 * {@code automation.discovery.enabled}, admit due sources into {@code discover_batch} jobs; and run every queued
 * manual trigger ({@code scheduler_tick} job keyed {@code discover_trigger:<module>}, written by
 * POST /sources/discover) immediately for its module, then complete that job.
 */
public final class DiscoveryTick implements Tick {
    private static final Logger LOG = Logger.getLogger(DiscoveryTick.class);
    static final String TRIGGER_PREFIX = "discover_trigger:";
    /** Process caps (no setting yet): global in-flight discover batches and batches per tick. */
    public static final int GLOBAL_IN_FLIGHT_CAP = 100;
    public static final int PROCESS_BATCH_LIMIT = 100;

    private final Database db;
    private final ConfigRevisions revisions;
    private final DiscoveryBatches batches;
    private final Duration interval;
    private final String pool;

    public DiscoveryTick(Database db, Duration interval, String pool) {
        this.db = db;
        this.revisions = new ConfigRevisions(db);
        this.batches = new DiscoveryBatches(db);
        this.interval = interval;
        this.pool = pool;
    }

    @Override
    public String name() {
        return "discovery";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void run() {
        runTriggers();
        for (ConfigRevision revision : revisions.activeRevisions()) {
            automation(revision).filter(DiscoveryAutomation::enabled)
                    .ifPresent(d -> admit(revision.projectId(), revision.version(), limits(d)));
        }
    }

    /** The queued manual triggers: admitted now (whatever {@code enabled} says), then completed. */
    public void runTriggers() {
        record Trigger(UUID id, String key) {
        }
        List<Trigger> triggers = db.sql().list("SELECT uuid, idempotency_key FROM jobs WHERE kind = 'scheduler_tick' "
                        + "AND status = 'queued' AND idempotency_key LIKE 'discover\\_trigger:%' ORDER BY created_at",
                r -> new Trigger(r.getUUID(0), r.getString(1)));
        for (Trigger trigger : triggers) {
            String module = trigger.key().substring(TRIGGER_PREFIX.length());
            Optional<ConfigRevision> active = revisions.active(module);
            DiscoveryLimits limits = active.flatMap(DiscoveryTick::automation).map(DiscoveryTick::limits)
                    .orElse(limits(DiscoveryAutomation.DEFAULT));
            // completed first: a trigger re-written by the API after this point stays queued for the next tick
            int taken = db.sql().update("UPDATE jobs SET status = 'completed', updated_at = now() WHERE uuid = $1 "
                    + "AND status = 'queued'", trigger.id());
            if (taken == 1) {
                admit(module, active.map(ConfigRevision::version).orElse(0), limits);
            }
        }
    }

    private void admit(String module, long version, DiscoveryLimits limits) {
        DiscoveryBatches.Admission admission = batches.admit(module, version, limits, GLOBAL_IN_FLIGHT_CAP, pool);
        if (admission.skipped().isPresent()) {
            LOG.infof("event=discovery_tick_skipped project=%s reason=%s", module, admission.skipped().get());
        } else if (!admission.batches().isEmpty()) {
            LOG.infof("event=discovery_batches_enqueued project=%s batches=%d", module, admission.batches().size());
        }
    }

    static Optional<DiscoveryAutomation> automation(ConfigRevision revision) {
        try {
            ProjectConfig config = ConfigBinder.bind(revision.spec());
            return Optional.ofNullable(config.automation()).map(a -> a.discovery());
        } catch (Exception e) {
            LOG.warnf("event=discovery_config_unreadable project=%s version=%d", revision.projectId(), revision.version());
            return Optional.empty();
        }
    }

    static DiscoveryLimits limits(DiscoveryAutomation d) {
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
