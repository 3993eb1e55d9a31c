package dev.beampipe.worker.execute;

/** The selected, staged or manifest dataset scope is not what the execution pinned: a definite execute failure. */
public final class ScopeException extends RuntimeException {
    public ScopeException(String message) {
        super(message);
    }
}
