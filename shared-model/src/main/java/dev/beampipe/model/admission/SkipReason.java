package dev.beampipe.model.admission;

/**
 * Why an execution tick admitted nothing (the {@code skip_reason} label of
 * {@code beampipe_execution_admitted_total}, 10-state-and-jobs §3.8). {@code rate_limited} and {@code disabled} are
 * never emitted (the reference's rate budget is a pass-through; disabled projects are not ticked), so they are
 * absent; {@code profile_missing} is ours (30-project-config §3.12: no silent profile fallback).
 */
public enum SkipReason {
    PROJECT_IN_FLIGHT_CAP,
    IN_FLIGHT_CAP,
    QUEUE_FULL,
    NO_PENDING_SOURCES,
    THRESHOLD_NOT_MET,
    PROFILE_MISSING,
    PROFILE_IN_FLIGHT_CAP,
    SOURCES_SKIPPED_NOT_READY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
