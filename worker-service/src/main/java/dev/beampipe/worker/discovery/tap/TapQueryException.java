package dev.beampipe.worker.discovery.tap;

/**
 * A TAP service answered, but with {@code QUERY_STATUS=ERROR} (CASDA does this under HTTP 200, VOLLT under
 * HTTP 400) or with a body that is not a readable VOTable. Never retried: the same query fails again.
 */
public final class TapQueryException extends TapException {

    public TapQueryException(String message) {
        super(message, false);
    }

    public TapQueryException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
