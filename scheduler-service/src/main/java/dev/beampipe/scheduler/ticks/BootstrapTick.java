package dev.beampipe.scheduler.ticks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.model.settings.Settings;
import dev.beampipe.scheduler.polls.DimPollInterval;
import dev.beampipe.scheduler.polls.SlurmPollInterval;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The reference's scheduler bootstrap: upserts the recurring tick jobs under their fixed idempotency
 * keys (a duplicate scheduler could never enqueue one twice). Workers run them; the maintenance ticks
 * reschedule themselves, and so do {@code dim_poll_tick} and {@code slurm_poll_tick} (always upserted, 10-state §3.7:
 * their payload's {@code interval_secs} is refreshed on every run from the environment and the active project configs).
 */
public final class BootstrapTick implements Tick {
    private static final Logger LOG = Logger.getLogger(BootstrapTick.class);
    public static final String LEASE_RECOVERY = "lease_recovery_tick";
    public static final String LOST_WORKERS = "lost_worker_tick";
    public static final String RETENTION = "retention_tick";
    public static final String DIM_POLL = "dim_poll_tick";
    public static final String DALIUGE_CAPABILITY = "daliuge-deployment";
    public static final String SLURM_POLL = "slurm_poll_tick";
    public static final String SLURM_CAPABILITY = "slurm-remote";

    private final JobQueue queue;
    private final Settings settings;
    private final EnvValues env;
    private final Supplier<List<JsonNode>> activeSpecs;

    /** Maintenance ticks only (no DIM polling): tests of the maintenance rows. */
    public BootstrapTick(JobQueue queue, Settings settings) {
        this(queue, settings, new EnvValues(java.util.Map.of()), null);
    }

    /**
     * @param activeSpecs the active project configs' specs, read on every run; {@code null} leaves out the
     *                    DIM poll tick
     * @throws dev.beampipe.model.settings.SettingsException a malformed {@code BEAMPIPE_DIM_POLL_INTERVAL_SECONDS}:
     *                    the scheduler refuses to start instead of failing every bootstrap run
     */
    public BootstrapTick(JobQueue queue, Settings settings, EnvValues env, Supplier<List<JsonNode>> activeSpecs) {
        this.queue = queue;
        this.settings = settings;
        this.env = env;
        this.activeSpecs = activeSpecs;
        if (activeSpecs != null) {
            DimPollInterval.validate(env);
            SlurmPollInterval.validate(env);
        }
    }

    @Override
    public String name() {
        return "bootstrap";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(settings.schedulerIntervalSeconds());
    }

    /**
     * The maintenance rows first; the DIM poll tick after them in its own guard: its interval reads the project
     * configs, and a database error there must not stop lease recovery, lost-worker detection or retention from being
     * created or revived. The failure is logged and the next run tries again; an existing row keeps running with its
     * last interval.
     */
    @Override
    public void run() {
        String pool = settings.worker().pool();
        for (EnqueueRequest r : maintenanceJobs(pool)) {
            queue.enqueueRecurring(r);
        }
        if (activeSpecs == null) {
            return;
        }
        try {
            queue.enqueueRecurring(dimPollTick(pool));
        } catch (RuntimeException e) {
            LOG.warnf("event=bootstrap_dim_poll_tick_failed error=\"%s\"", e.toString());
        }
        try {
            queue.enqueueRecurring(slurmPollTick(pool));
        } catch (RuntimeException e) {
            LOG.warnf("event=bootstrap_slurm_poll_tick_failed error=\"%s\"", e.toString());
        }
    }

    List<EnqueueRequest> maintenanceJobs(String pool) {
        return List.of(
                EnqueueRequest.of(LEASE_RECOVERY, new JsonObject().put("interval_secs", 15)).inPool(pool).withKey(LEASE_RECOVERY),
                EnqueueRequest.of(LOST_WORKERS, new JsonObject().put("interval_secs", 10)
                        .put("stale_after_seconds", settings.worker().staleAfterSeconds())).inPool(pool).withKey(LOST_WORKERS),
                EnqueueRequest.of(RETENTION, new JsonObject().put("interval_secs", 3600)
                        .put("job_retention_days", settings.jobRetentionDays())
                        .put("claim_history_retention_days", settings.claimHistoryRetentionDays())).inPool(pool).withKey(RETENTION));
    }

    EnqueueRequest dimPollTick(String pool) {
        long interval = DimPollInterval.seconds(env, activeSpecs.get());
        return EnqueueRequest.of(DIM_POLL, new JsonObject().put("interval_secs", interval)).inPool(pool)
                .requiring(DALIUGE_CAPABILITY).withKey(DIM_POLL);
    }

    EnqueueRequest slurmPollTick(String pool) {
        long interval = SlurmPollInterval.seconds(env, activeSpecs.get());
        return EnqueueRequest.of(SLURM_POLL, new JsonObject().put("interval_secs", interval)).inPool(pool)
                .requiring(SLURM_CAPABILITY).withKey(SLURM_POLL);
    }
}
