package dev.beampipe.model.daliuge;

/** A drop's state ({@code DROPStates}, 40-backends §3.3): 3 is ERROR here, while session state 3 is RUNNING. */
public enum DropState {
    INITIALIZED, WRITING, COMPLETED, ERROR, EXPIRED, DELETED, CANCELLED, SKIPPED, UNKNOWN
}
