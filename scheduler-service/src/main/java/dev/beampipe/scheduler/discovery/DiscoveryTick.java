package dev.beampipe.scheduler.discovery;

import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.DiscoveryBatches;
import dev.beampipe.model.discovery.ProjectDiscovery;
import dev.beampipe.model.tap.TapGate;
import dev.beampipe.model.tap.TapHealth;
import dev.beampipe.scheduler.ticks.Tick;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The leader's discovery tick (30-project-config §3.12, decision 1): for every active project config with
 * {@code automation.discovery.enabled}, admit due sources into {@code discover_batch} jobs; and run every queued
 * manual trigger ({@code scheduler_tick} job keyed {@code discover_trigger:<module>}, written by
 * POST /sources/discover) immediately for its module, then complete that job. The automated admission is gated by
 * the shared TAP probe ({@code tap_unreachable}, counted in {@code beampipe_discovery_tap_skipped_total}); a manual
 * trigger is not.
 */
public final class DiscoveryTick implements Tick {
    private static final Logger LOG = Logger.getLogger(DiscoveryTick.class);
    static final String TRIGGER_PREFIX = "discover_trigger:";
    /** Micrometer appends {@code _total}: exported as {@code beampipe_discovery_tap_skipped_total}. */
    static final String TAP_SKIPPED = "beampipe_discovery_tap_skipped";

    private final Database db;
    private final ConfigRevisions revisions;
    private final ProjectDiscovery discovery;
    private final Duration interval;
    private final String pool;
    private final TapHealth tap;
    private final MeterRegistry meters;

    public DiscoveryTick(Database db, Duration interval, String pool, TapHealth tap, MeterRegistry meters) {
        this.db = db;
        this.revisions = new ConfigRevisions(db);
        this.discovery = new ProjectDiscovery(db);
        this.interval = interval;
        this.pool = pool;
        this.tap = tap;
        this.meters = meters;
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
            discovery.admitAutomated(revision, pool, tap).ifPresent(a -> record(revision.projectId(), a));
        }
    }

    /**
     * The queued manual triggers: admitted now (whatever {@code enabled} says), then completed. A worker may take
     * a trigger first (its {@code scheduler_tick} handler does the same admission); then it is not queued here.
     */
    public void runTriggers() {
        record Trigger(UUID id, String key) {
        }
        List<Trigger> triggers = db.sql().list("SELECT uuid, idempotency_key FROM jobs WHERE kind = 'scheduler_tick' "
                        + "AND status = 'queued' AND idempotency_key LIKE 'discover\\_trigger:%' ORDER BY created_at",
                r -> new Trigger(r.getUUID(0), r.getString(1)));
        for (Trigger trigger : triggers) {
            String module = trigger.key().substring(TRIGGER_PREFIX.length());
            // completed first: a trigger re-written by the API after this point stays queued for the next tick
            int taken = db.sql().update("UPDATE jobs SET status = 'completed', updated_at = now() WHERE uuid = $1 "
                    + "AND status = 'queued'", trigger.id());
            if (taken == 1) {
                record(module, discovery.admitNow(module, pool));
            }
        }
    }

    private void record(String module, DiscoveryBatches.Admission admission) {
        if (admission.skipped().filter(TapGate.TAP_UNREACHABLE::equals).isPresent()) {
            LOG.warnf("event=discovery_skipped project=%s reason=%s", module, TapGate.TAP_UNREACHABLE);
            meters.counter(TAP_SKIPPED, "project_module", module).increment();
        } else if (admission.skipped().isPresent()) {
            LOG.infof("event=discovery_tick_skipped project=%s reason=%s", module, admission.skipped().get());
        } else if (!admission.batches().isEmpty()) {
            LOG.infof("event=discovery_batches_enqueued project=%s batches=%d", module, admission.batches().size());
        }
    }
}
