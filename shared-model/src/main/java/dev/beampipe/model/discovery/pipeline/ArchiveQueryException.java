package dev.beampipe.model.discovery.pipeline;

/**
 * A TAP query that failed after the adapter's own retries. {@code timeout} distinguishes the reference's
 * {@code Timeout("TAP timeout")} outcome from every other failure ({@code Error(<message>)}).
 */
public final class ArchiveQueryException extends Exception {
    private final boolean timeout;

    public ArchiveQueryException(String message, boolean timeout) {
        super(message);
        this.timeout = timeout;
    }

    public ArchiveQueryException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public boolean timeout() {
        return timeout;
    }
}
