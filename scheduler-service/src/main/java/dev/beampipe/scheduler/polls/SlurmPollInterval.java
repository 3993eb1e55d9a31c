package dev.beampipe.scheduler.polls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.settings.EnvValues;

import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code slurm_poll_tick} interval (10-state §3.9, 40-backends §4.8): {@code BEAMPIPE_SLURM_POLL_INTERVAL_SECONDS},
 * else the smallest {@code automation.execution.execution_slurm_remote_poll_interval_seconds} over the active project
 * configs (each rounded, at least 1), either way at least 5 seconds; else 30 seconds.
 */
public final class SlurmPollInterval {
    public static final String ENV = "BEAMPIPE_SLURM_POLL_INTERVAL_SECONDS";
    public static final long DEFAULT_SECONDS = 30;
    public static final long MINIMUM_SECONDS = 5;

    private SlurmPollInterval() {
    }

    /** Fails with the setting's name when {@code BEAMPIPE_SLURM_POLL_INTERVAL_SECONDS} is set but not an integer. */
    public static void validate(EnvValues env) {
        env.integer(ENV, DEFAULT_SECONDS);
    }

    public static long seconds(EnvValues env, List<JsonNode> activeSpecs) {
        if (env.string(ENV).isPresent()) {
            return Math.max(env.integer(ENV, DEFAULT_SECONDS), MINIMUM_SECONDS);
        }
        return fromConfigs(activeSpecs).stream().map(s -> Math.max(s, MINIMUM_SECONDS)).findFirst().orElse(DEFAULT_SECONDS);
    }

    static OptionalLong fromConfigs(List<JsonNode> activeSpecs) {
        return activeSpecs.stream()
                .map(spec -> spec.path("automation").path("execution").path("execution_slurm_remote_poll_interval_seconds"))
                .filter(JsonNode::isNumber)
                .filter(v -> Double.isFinite(v.asDouble()))
                .mapToLong(v -> Math.max(Math.round(v.asDouble()), 1))
                .min();
    }
}
