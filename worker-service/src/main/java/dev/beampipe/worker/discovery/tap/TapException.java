package dev.beampipe.worker.discovery.tap;

/** A TAP/DataLink call failed; {@link #retryable()} says whether the same call may succeed later. */
public class TapException extends Exception {

    private final boolean retryable;

    public TapException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public TapException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
