package dev.beampipe.model.slurm.protocol;

import java.util.Locale;
import java.util.Map;

/** Normalised Slurm job state (40-backends §4.8); the ordinal is the rank used to pick among rows. */
public enum SlurmState {
    UNKNOWN, PENDING, RUNNING, COMPLETED, CANCELLED, TIMEOUT, FAILED;

    private static final Map<String, SlurmState> RAW = Map.ofEntries(
            Map.entry("COMPLETED", COMPLETED),
            Map.entry("PENDING", PENDING), Map.entry("RESV_DEL_HOLD", PENDING), Map.entry("REQUEUE_HOLD", PENDING),
            Map.entry("SPECIAL_EXIT", PENDING), Map.entry("STOPPED", PENDING), Map.entry("SUSPENDED", PENDING),
            Map.entry("RUNNING", RUNNING), Map.entry("COMPLETING", RUNNING), Map.entry("CONFIGURING", RUNNING),
            Map.entry("EXPEDITING", RUNNING), Map.entry("POWER_UP_NODE", RUNNING), Map.entry("REQUEUED", RUNNING),
            Map.entry("REQUEUE_FED", RUNNING), Map.entry("RESIZING", RUNNING), Map.entry("SIGNALING", RUNNING),
            Map.entry("STAGE_OUT", RUNNING), Map.entry("UPDATE_DB", RUNNING),
            Map.entry("TIMEOUT", TIMEOUT),
            Map.entry("REVOKED", CANCELLED),
            Map.entry("BOOT_FAIL", FAILED), Map.entry("DEADLINE", FAILED), Map.entry("FAILED", FAILED),
            Map.entry("LAUNCH_FAILED", FAILED), Map.entry("NODE_FAIL", FAILED), Map.entry("OUT_OF_MEMORY", FAILED),
            Map.entry("PREEMPTED", FAILED), Map.entry("RECONFIG_FAIL", FAILED));

    /** First whitespace token, upper-cased; a compound {@code A+B} takes its highest-ranked part. */
    public static SlurmState normalize(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        String trimmed = raw.trim();
        if (trimmed.isEmpty()) {
            return UNKNOWN;
        }
        String token = trimmed.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        SlurmState best = UNKNOWN;
        for (String part : token.split("\\+")) {
            SlurmState s = single(part);
            if (s.rank() > best.rank()) {
                best = s;
            }
        }
        return best;
    }

    private static SlurmState single(String token) {
        if (token.startsWith("CANCELLED")) {
            return CANCELLED;
        }
        return RAW.getOrDefault(token, UNKNOWN);
    }

    public int rank() {
        return ordinal();
    }

    /** The scheduler axis: pending|running|succeeded|failed|cancelled|timed_out|unknown. */
    public String schedulerState() {
        return switch (this) {
            case PENDING -> "pending";
            case RUNNING -> "running";
            case COMPLETED -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            case TIMEOUT -> "timed_out";
            case UNKNOWN -> "unknown";
        };
    }

    /** The execution status a poll or a cancel confirmation derives from this state. */
    public String executionStatus() {
        return switch (this) {
            case COMPLETED -> "completed";
            case FAILED, TIMEOUT -> "failed";
            case CANCELLED -> "cancelled";
            case RUNNING -> "running";
            case PENDING, UNKNOWN -> "awaiting_scheduler";
        };
    }

    public boolean terminal() {
        return this == COMPLETED || this == CANCELLED || this == TIMEOUT || this == FAILED;
    }
}
