package dev.beampipe.model.admission;

import dev.beampipe.model.config.model.ExecutionAutomation;

import java.util.Map;

/**
 * The limits of one project's execution tick: {@code automation.execution} (30-project-config §3.12) plus the
 * process caps (10-state-and-jobs §3.8). Non-positive tick limits, chunk size and TTL fall back to the defaults of
 * {@link ExecutionAutomation#DEFAULT}; {@code projectRunCap} is null when unset.
 */
public record ExecutionLimits(int maxSourcesPerExecution, int tickSourceLimit, int tickRunLimit, int minSourcesToTrigger,
                              long maxWaitMinutes, int claimTtlMinutes, Long projectRunCap, int globalRunCap,
                              int queueMaxDepth) {

    /** {@code BEAMPIPE_SHAPING_EXECUTION_MAX_IN_FLIGHT_RUNS} and {@code BEAMPIPE_SHAPING_QUEUE_MAX_DEPTH}. */
    public record ProcessCaps(int globalRunCap, int queueMaxDepth) {
        public static final ProcessCaps DEFAULT = new ProcessCaps(2, 200);

        public static ProcessCaps fromEnv(Map<String, String> env) {
            return new ProcessCaps(positive(env, "BEAMPIPE_SHAPING_EXECUTION_MAX_IN_FLIGHT_RUNS", DEFAULT.globalRunCap),
                    positive(env, "BEAMPIPE_SHAPING_QUEUE_MAX_DEPTH", DEFAULT.queueMaxDepth));
        }

        private static int positive(Map<String, String> env, String name, int fallback) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the structured error below
            }
            throw new IllegalArgumentException(name + " must be a positive integer, got '" + v + "'");
        }
    }

    public static ExecutionLimits of(ExecutionAutomation a, ProcessCaps caps) {
        ExecutionAutomation d = ExecutionAutomation.DEFAULT;
        return new ExecutionLimits(positiveOr(a.maxSourcesPerExecution(), d.maxSourcesPerExecution()),
                positiveOr(a.tickExecutionSourceLimit(), d.tickExecutionSourceLimit()),
                positiveOr(a.tickExecutionRunLimit(), d.tickExecutionRunLimit()),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, a.minSourcesToTrigger())),
                Math.max(0, a.maxWaitMinutes()),
                positiveOr(a.claimTtlMinutes(), d.claimTtlMinutes()),
                a.concurrentExecutionRunLimit(), caps.globalRunCap(), caps.queueMaxDepth());
    }

    private static int positiveOr(long value, long fallback) {
        return (int) Math.min(Integer.MAX_VALUE, value > 0 ? value : fallback);
    }
}
