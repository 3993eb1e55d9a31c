package dev.beampipe.model.ledger.state;

import java.util.Locale;

/** {@code scheduler_state} (10-state §2.4; default {@code not_submitted}). Active = {@code pending|running}. */
public enum SchedulerState implements AxisValue {
    NOT_SUBMITTED("not_submitted"),
    PENDING("pending"),
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    CANCELLED("cancelled"),
    TIMED_OUT("timed_out"),
    UNKNOWN("unknown");

    private final String wire;

    SchedulerState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean active() {
        return this == PENDING || this == RUNNING;
    }

    public static SchedulerState parse(String text) {
        return AxisValue.parse(SchedulerState.class, text, NOT_SUBMITTED);
    }

    /**
     * The reference's token mapping (trimmed, case-insensitive); anything else is {@code unknown}. Decision 6: the
     * Slurm backend normalises compound/transitional state names (COMPLETING, REQUEUE_HOLD, …) before calling this.
     */
    public static SchedulerState fromSlurmToken(String token) {
        if (token == null) {
            return UNKNOWN;
        }
        return switch (token.trim().toUpperCase(Locale.ROOT)) {
            case "PENDING" -> PENDING;
            case "RUNNING" -> RUNNING;
            case "COMPLETED", "SUCCEEDED" -> SUCCEEDED;
            case "FAILED" -> FAILED;
            case "CANCELLED", "CANCELED" -> CANCELLED;
            case "TIMEOUT", "TIMED_OUT" -> TIMED_OUT;
            case "NOT_SUBMITTED" -> NOT_SUBMITTED;
            default -> UNKNOWN;
        };
    }

    @Override
    public String toString() {
        return wire;
    }
}
