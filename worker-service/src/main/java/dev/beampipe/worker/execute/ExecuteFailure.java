package dev.beampipe.worker.execute;

import dev.beampipe.model.ledger.state.FailureClass;

/**
 * A definite failure before the submission intent (40-backends §8.1): the execution fails terminally with this
 * message and failure class; nothing was dispatched.
 */
public final class ExecuteFailure extends RuntimeException {
    private final FailureClass failureClass;

    public ExecuteFailure(FailureClass failureClass, String message) {
        super(message);
        this.failureClass = failureClass;
    }

    public ExecuteFailure(FailureClass failureClass, String message, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
    }

    public FailureClass failureClass() {
        return failureClass;
    }
}
