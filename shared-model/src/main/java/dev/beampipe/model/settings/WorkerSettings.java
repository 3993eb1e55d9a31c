package dev.beampipe.model.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How one worker process claims and runs jobs (BEAMPIPE_WORKER_*). */
public record WorkerSettings(
        String pool,
        int concurrency,
        int claimBatchSize,
        int lockSeconds,
        int heartbeatIntervalSeconds,
        int pollIntervalMs,
        List<String> capabilities,
        Map<String, String> labels,
        Optional<String> instanceName) {

    public static final List<String> DEFAULT_CAPABILITIES = List.of("casda-discovery", "manifest-generation",
            "daliuge-translation", "daliuge-deployment", "slurm-remote", "output-verification");

    public WorkerSettings {
        capabilities = List.copyOf(capabilities);
        labels = Map.copyOf(labels);
        if (lockSeconds <= 0) {
            throw new SettingsException("BEAMPIPE_WORKER_LOCK_SECONDS must be > 0");
        }
        if (heartbeatIntervalSeconds <= 0 || heartbeatIntervalSeconds >= lockSeconds) {
            throw new SettingsException("BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS must be > 0 and less than BEAMPIPE_WORKER_LOCK_SECONDS");
        }
        if (concurrency <= 0) {
            throw new SettingsException("BEAMPIPE_WORKER_CONCURRENCY must be > 0");
        }
        if (claimBatchSize <= 0) {
            throw new SettingsException("BEAMPIPE_WORKER_CLAIM_BATCH_SIZE must be > 0");
        }
        if (pollIntervalMs < 0) {
            throw new SettingsException("BEAMPIPE_WORKER_POLL_INTERVAL_MS must be >= 0");
        }
        if (pool.isBlank()) {
            throw new SettingsException("BEAMPIPE_WORKER_POOL must not be blank");
        }
    }

    static WorkerSettings from(EnvValues env) {
        int concurrency = (int) env.integer("BEAMPIPE_WORKER_CONCURRENCY", 1);
        return new WorkerSettings(
                env.string("BEAMPIPE_WORKER_POOL", "default"),
                concurrency,
                (int) env.integer("BEAMPIPE_WORKER_CLAIM_BATCH_SIZE", concurrency),
                (int) env.integer("BEAMPIPE_WORKER_LOCK_SECONDS", 120),
                (int) env.integer("BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", 10),
                (int) env.integer("BEAMPIPE_WORKER_POLL_INTERVAL_MS", 1000),
                env.list("BEAMPIPE_WORKER_CAPABILITIES", DEFAULT_CAPABILITIES),
                env.labels("BEAMPIPE_WORKER_LABELS"),
                env.string("BEAMPIPE_WORKER_INSTANCE_NAME"));
    }

    /** Seconds without a heartbeat after which a worker is stale / lost: max(3 x interval, 30). */
    public int staleAfterSeconds() {
        return Math.max(3 * heartbeatIntervalSeconds, 30);
    }

    /** Graceful-shutdown wait for leases: clamp(lock seconds, 1, 30). */
    public int shutdownGraceSeconds() {
        return Math.max(1, Math.min(lockSeconds, 30));
    }
}
