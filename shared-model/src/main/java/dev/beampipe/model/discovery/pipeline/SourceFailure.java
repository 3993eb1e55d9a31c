package dev.beampipe.model.discovery.pipeline;

/** Ends the discovery of one source with a {@link SourceOutcome.Failed}; never leaves the pipeline package. */
final class SourceFailure extends Exception {

    private final boolean timeout;

    private SourceFailure(boolean timeout, String message) {
        super(message, null, false, false);
        this.timeout = timeout;
    }

    static final String TIMEOUT_MESSAGE = "TAP timeout";

    static SourceFailure error(String message) {
        return new SourceFailure(false, message);
    }

    /** A failed query that ends the source: a timeout is the reference's {@code Timeout("TAP timeout")}. */
    static SourceFailure of(ArchiveQueryException e) {
        return e.timeout() ? new SourceFailure(true, TIMEOUT_MESSAGE) : new SourceFailure(false,
                e.getMessage() == null ? "archive query failed" : e.getMessage());
    }

    SourceOutcome.Failed outcome() {
        return new SourceOutcome.Failed(timeout, getMessage());
    }
}
