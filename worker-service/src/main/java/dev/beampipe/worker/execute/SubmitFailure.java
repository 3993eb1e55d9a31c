package dev.beampipe.worker.execute;

import dev.beampipe.model.ledger.state.FailureClass;

/**
 * A backend submission error after the intent, classified (10-state §2.5, 40-backends §8.2, decision 10):
 * {@link #definite()} means nothing was (or could have been) applied on the backend, so the submission fails;
 * otherwise it may have been applied and the execution is held for reconciliation.
 */
public final class SubmitFailure extends Exception {
    private final boolean definite;
    private final FailureClass failureClass;
    private final SessionCleanup cleanup;

    private SubmitFailure(boolean definite, FailureClass failureClass, String message, Throwable cause,
                          SessionCleanup cleanup) {
        super(message, cause);
        this.definite = definite;
        this.failureClass = failureClass;
        this.cleanup = cleanup;
    }

    public static SubmitFailure definite(String message, Throwable cause) {
        return new SubmitFailure(true, FailureClass.DEPENDENCY_UNAVAILABLE, message, cause, null);
    }

    public static SubmitFailure uncertain(FailureClass failureClass, String message, Throwable cause) {
        return new SubmitFailure(false, failureClass, message, cause, null);
    }

    /** The same failure, carrying the evidence of the session delete that decided it. */
    SubmitFailure withCleanup(SessionCleanup c) {
        return new SubmitFailure(definite, failureClass, getMessage(), getCause(), c);
    }

    /** The session delete attempted after a definite append/deploy failure, if any. */
    public java.util.Optional<SessionCleanup> cleanup() {
        return java.util.Optional.ofNullable(cleanup);
    }

    public boolean definite() {
        return definite;
    }

    public FailureClass failureClass() {
        return failureClass;
    }
}
