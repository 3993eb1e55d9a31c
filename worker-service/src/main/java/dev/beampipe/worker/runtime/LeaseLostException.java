package dev.beampipe.worker.runtime;

/** The worker no longer holds the job's lease; the handler must stop without further effects. */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
