package dev.beampipe.api.errors;

/** An error with its HTTP status and failure, thrown by handlers and rendered by {@link ExceptionMappers}. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Failure failure;

    public ApiException(int status, Failure failure) {
        super(failure.code() + ": " + failure.message(), null, false, false);
        this.status = status;
        this.failure = failure;
    }

    public int status() {
        return status;
    }

    public Failure failure() {
        return failure;
    }
}
