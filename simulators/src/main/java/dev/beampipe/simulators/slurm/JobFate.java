package dev.beampipe.simulators.slurm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What happens to one submitted job: {@code pending} in PENDING (squeue reason {@code reason}), then either held
 * forever in the raw state {@code hold} (e.g. {@code SUSPENDED}, {@code PENDING+REQUEUE_HOLD}) or {@code running}
 * in RUNNING and then {@code end} ({@code COMPLETED}, {@code FAILED} with {@code exitCode}, {@code TIMEOUT},
 * {@code CANCELLED} by uid 0, {@code OUT_OF_MEMORY}, {@code NODE_FAIL}, {@code PREEMPTED}, {@code BOOT_FAIL},
 * {@code DEADLINE} …). {@code batchState} overrides the {@code .batch} step's state; {@code sacct} is how
 * accounting lags the end for {@code sacctLag}: {@code normal}, {@code missing} (no rows yet) or
 * {@code stale_running} (a RUNNING allocation row with a finished {@code .batch}).
 */
public record JobFate(Duration pending, Duration running, String end, int exitCode, String reason, String hold,
                      String batchState, String sacct, Duration sacctLag) {

    static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "TIMEOUT", "CANCELLED", "OUT_OF_MEMORY",
            "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "REVOKED", "SPECIAL_EXIT");

    public JobFate {
        if (pending.isNegative() || running.isNegative() || sacctLag.isNegative()) {
            throw new IllegalArgumentException("fate durations must not be negative");
        }
        if (!TERMINAL.contains(end)) {
            throw new IllegalArgumentException("not a final Slurm state: " + end);
        }
        if (!Set.of("normal", "missing", "stale_running").contains(sacct)) {
            throw new IllegalArgumentException("sacct mode must be normal, missing or stale_running: " + sacct);
        }
    }

    /** The default: 1 s PENDING, 2 s RUNNING, COMPLETED. */
    public static JobFate defaults() {
        return completeAfter(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    public static JobFate completeAfter(Duration pending, Duration running) {
        return new JobFate(pending, running, "COMPLETED", 0, "None", null, null, "normal", Duration.ZERO);
    }

    /** Ends in {@code state} after the timings of {@code this}; a live state such as {@code SUSPENDED} is held instead. */
    public JobFate endingIn(String state) {
        String upper = state.toUpperCase(java.util.Locale.ROOT);
        if (TERMINAL.contains(upper)) {
            return new JobFate(pending, running, upper, exitCode, reason, null, batchState, sacct, sacctLag);
        }
        return new JobFate(pending, running, end, exitCode, reason, upper, batchState, sacct, sacctLag);
    }

    public JobFate failingWith(int exit) {
        return new JobFate(pending, running, "FAILED", exit, reason, hold, batchState, sacct, sacctLag);
    }

    public JobFate pendingReason(String why) {
        return new JobFate(pending, running, end, exitCode, why, hold, batchState, sacct, sacctLag);
    }

    public JobFate batch(String state) {
        return new JobFate(pending, running, end, exitCode, reason, hold, state, sacct, sacctLag);
    }

    public JobFate accountingLag(String mode, Duration lag) {
        return new JobFate(pending, running, end, exitCode, reason, hold, batchState, mode, lag);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pending", pending.toMillis() / 1000.0);
        m.put("running", running.toMillis() / 1000.0);
        m.put("end", end);
        m.put("exit", exitCode);
        m.put("reason", reason);
        m.put("hold", hold);
        m.put("batch", batchState);
        m.put("sacct", sacct);
        m.put("sacct_lag", sacctLag.toMillis() / 1000.0);
        return m;
    }

    static JobFate fromJson(Map<String, Object> m) {
        JobFate base = defaults();
        return new JobFate(seconds(m.get("pending"), base.pending()), seconds(m.get("running"), base.running()),
                text(m.get("end"), "COMPLETED").toUpperCase(java.util.Locale.ROOT),
                m.get("exit") == null ? 0 : ((Number) m.get("exit")).intValue(), text(m.get("reason"), "None"),
                (String) m.get("hold"), (String) m.get("batch"), text(m.get("sacct"), "normal"),
                seconds(m.get("sacct_lag"), Duration.ZERO));
    }

    private static Duration seconds(Object v, Duration fallback) {
        if (v == null) {
            return fallback;
        }
        return Duration.ofMillis(Math.round(((Number) v).doubleValue() * 1000));
    }

    private static String text(Object v, String fallback) {
        return v == null ? fallback : v.toString();
    }
}
