package dev.beampipe.worker.slurmpoll;

import dev.beampipe.model.settings.EnvValues;

import java.time.Duration;

/**
 * The worker's Slurm polling switches: {@code BEAMPIPE_USE_REAL_BACKENDS} (default false: the mode of executions that
 * recorded no {@code backend_mode}, and whether the name-lookup reconciliation runs), {@code
 * BEAMPIPE_SLURM_POLL_BATCH_LIMIT} (default 500 executions per tick) and {@code BEAMPIPE_SLURM_SSH_IDLE_SECONDS}
 * (default 300: a pooled session idle that long is closed, 40-backends §4.1).
 */
public record SlurmPollSettings(boolean useRealBackends, int batchLimit, Duration sshIdle) {
    /** The wall-clock limit of one target's query (and of one name lookup), 40-backends §4.8/§4.9. */
    public static final Duration TARGET_LIMIT = Duration.ofSeconds(60);

    public static SlurmPollSettings from(EnvValues env) {
        return new SlurmPollSettings(env.bool("BEAMPIPE_USE_REAL_BACKENDS", false),
                (int) Math.max(1, Math.min(env.integer("BEAMPIPE_SLURM_POLL_BATCH_LIMIT", 500), 10_000)),
                Duration.ofSeconds(Math.max(1, env.integer("BEAMPIPE_SLURM_SSH_IDLE_SECONDS", 300))));
    }
}
