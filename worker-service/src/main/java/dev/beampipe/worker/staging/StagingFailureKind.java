package dev.beampipe.worker.staging;

/** Why CASDA staging failed; callers branch on this, operators read the message. */
public enum StagingFailureKind {
    /** The records are not stageable (no network call was made). */
    INVALID_INPUT,
    /** The login probe refused the credentials or could not be reached. */
    LOGIN_FAILED,
    /** A DataLink call failed or its answer carries no async service. */
    DATALINK_FAILED,
    /** CASDA says the user may not access a product (the DataLink {@code do not have permission} row). */
    PERMISSION_DENIED,
    /** Creating or running the SODA job was refused. */
    JOB_REJECTED,
    /** The job ended in ERROR or ABORTED, or vanished (404/410) while polled. */
    JOB_FAILED,
    /** The job was still not final when the poll budget ran out. */
    POLL_BUDGET_EXHAUSTED,
    /** The job completed but its results do not cover every dataset. */
    INCOMPLETE_RESULTS
}
