package dev.beampipe.model.queue;

/** What a handler error did to its job; {@code FENCED} means the worker had lost the lease and nothing changed. */
public record FailureOutcome(Kind kind, String failureClass, long retryDelaySeconds) {
    public enum Kind { RETRY_SCHEDULED, FAILED, DEAD_LETTERED, FENCED }

    public boolean applied() {
        return kind != Kind.FENCED;
    }
}
