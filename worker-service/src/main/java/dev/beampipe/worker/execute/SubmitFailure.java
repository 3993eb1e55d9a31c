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

    private SubmitFailure(boolean definite, FailureClass failureClass, String message, Throwable cause) {
        super(message, cause);
        this.definite = definite;
        this.failureClass = failureClass;
    }

    public static SubmitFailure definite(String message, Throwable cause) {
        return new SubmitFailure(true, FailureClass.DEPENDENCY_UNAVAILABLE, message, cause);
    }

    public static SubmitFailure uncertain(FailureClass failureClass, String message, Throwable cause) {
        return new SubmitFailure(false, failureClass, message, cause);
    }

    public boolean definite() {
        return definite;
    }

    public FailureClass failureClass() {
        return failureClass;
    }
}
