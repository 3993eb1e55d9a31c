package dev.beampipe.model.queue;

/** The result of a fenced write to a job. */
public enum Outcome {
    /** The write matched the caller's lease and was applied. */
    APPLIED,
    /** The lease no longer matches (recovered, cancelled or finished elsewhere); nothing changed. */
    FENCED
}
