package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.settings.EnvValues;

/**
 * The worker's DIM polling switches: {@code BEAMPIPE_USE_REAL_BACKENDS} (default false; only the mode of executions
 * that recorded no {@code backend_mode} — the recorded mode wins, see {@code worker.execute.BackendMode} — and for a
 * {@code dim_poll} job only when its payload has no {@code use_real_backends}),
 * {@code BEAMPIPE_DIM_DESTROY_SESSION} (default false: DELETE the session after a terminal tick poll) and
 * {@code BEAMPIPE_DIM_POLL_BATCH_LIMIT} (default 500: executions polled per tick, least recently reconciled first).
 */
public record DimPollSettings(boolean useRealBackends, boolean destroySession, int batchLimit) {

    public static DimPollSettings from(EnvValues env) {
        return new DimPollSettings(env.bool("BEAMPIPE_USE_REAL_BACKENDS", false),
                env.bool("BEAMPIPE_DIM_DESTROY_SESSION", false),
                (int) Math.max(1, Math.min(env.integer("BEAMPIPE_DIM_POLL_BATCH_LIMIT", 500), 10_000)));
    }
}
