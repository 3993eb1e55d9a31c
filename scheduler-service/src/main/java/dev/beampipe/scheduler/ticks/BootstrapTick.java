package dev.beampipe.scheduler.ticks;

import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.settings.Settings;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;

/**
 * The reference's scheduler bootstrap: upserts the recurring tick jobs under their fixed idempotency
 * keys (a duplicate scheduler could never enqueue one twice). Workers run them; the maintenance ticks
 * reschedule themselves. Project ticks (discovery, execution, polls, alerts) join in later issues.
 */
public final class BootstrapTick implements Tick {
    public static final String LEASE_RECOVERY = "lease_recovery_tick";
    public static final String LOST_WORKERS = "lost_worker_tick";
    public static final String RETENTION = "retention_tick";

    private final JobQueue queue;
    private final Settings settings;

    public BootstrapTick(JobQueue queue, Settings settings) {
        this.queue = queue;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "bootstrap";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(settings.schedulerIntervalSeconds());
    }

    @Override
    public void run() {
        for (EnqueueRequest r : recurringJobs()) {
            queue.enqueueRecurring(r);
        }
    }

    List<EnqueueRequest> recurringJobs() {
        String pool = settings.worker().pool();
        return List.of(
                EnqueueRequest.of(LEASE_RECOVERY, new JsonObject().put("interval_secs", 15)).inPool(pool).withKey(LEASE_RECOVERY),
                EnqueueRequest.of(LOST_WORKERS, new JsonObject().put("interval_secs", 10)
                        .put("stale_after_seconds", settings.worker().staleAfterSeconds())).inPool(pool).withKey(LOST_WORKERS),
                EnqueueRequest.of(RETENTION, new JsonObject().put("interval_secs", 3600)
                        .put("job_retention_days", settings.jobRetentionDays())
                        .put("claim_history_retention_days", settings.claimHistoryRetentionDays())).inPool(pool).withKey(RETENTION));
    }
}
