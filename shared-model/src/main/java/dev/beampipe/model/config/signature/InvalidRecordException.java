package dev.beampipe.model.config.signature;

/**
 * A prepared record that cannot be persisted (30-project-config §3.7.2); the message is the reference's
 * text, and the whole discovery batch fails with it.
 */
public final class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String message) {
        super(message);
    }
}
