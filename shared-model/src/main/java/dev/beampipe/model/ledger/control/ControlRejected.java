package dev.beampipe.model.ledger.control;

/** Thrown by the control rules and transitions; the transaction rolls back and nothing changes. */
public final class ControlRejected extends RuntimeException {
    private final ControlFailure failure;

    public ControlRejected(ControlFailure failure) {
        super(failure.code() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    public ControlFailure failure() {
        return failure;
    }
}
