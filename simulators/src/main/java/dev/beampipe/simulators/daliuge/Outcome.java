package dev.beampipe.simulators.daliuge;

/** How a simulated DIM session ends once deployed (40-backends §10.3 scenarios). */
public enum Outcome {
    /** Every drop completes; the session FINISHES. */
    FINISH,
    /** One app drop goes ERROR (3), its descendants follow; the nodes holding them report FAILED. */
    FAIL,
    /** As {@link #FAIL}, but every node reports FINISHED although {@code graph/status} holds drop state 3. */
    FAIL_REPORTED_FINISHED,
    /** One app drop runs forever: the session stays RUNNING (to exhaust a poll budget). */
    NEVER_END
}
