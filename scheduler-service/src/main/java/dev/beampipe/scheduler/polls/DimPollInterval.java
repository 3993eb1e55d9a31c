package dev.beampipe.scheduler.polls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.settings.EnvValues;

import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code dim_poll_tick} interval (10-state §3.9, 40-backends §3.10): {@code BEAMPIPE_DIM_POLL_INTERVAL_SECONDS}
 * (at least 1), else the smallest {@code automation.execution.execution_rest_remote_poll_interval_seconds} over the
 * active project configs (each rounded, at least 1), else 3 seconds.
 */
public final class DimPollInterval {
    public static final String ENV = "BEAMPIPE_DIM_POLL_INTERVAL_SECONDS";
    public static final long DEFAULT_SECONDS = 3;

    private DimPollInterval() {
    }

    /** Fails with the setting's name when {@code BEAMPIPE_DIM_POLL_INTERVAL_SECONDS} is set but not an integer. */
    public static void validate(EnvValues env) {
        env.integer(ENV, DEFAULT_SECONDS);
    }

    public static long seconds(EnvValues env, List<JsonNode> activeSpecs) {
        if (env.string(ENV).isPresent()) {
            return Math.max(env.integer(ENV, DEFAULT_SECONDS), 1);
        }
        return fromConfigs(activeSpecs).orElse(DEFAULT_SECONDS);
    }

    static OptionalLong fromConfigs(List<JsonNode> activeSpecs) {
        return activeSpecs.stream()
                .map(spec -> spec.path("automation").path("execution").path("execution_rest_remote_poll_interval_seconds"))
                .filter(JsonNode::isNumber)
                .filter(v -> Double.isFinite(v.asDouble()))
                .mapToLong(v -> Math.max(Math.round(v.asDouble()), 1))
                .min();
    }
}
