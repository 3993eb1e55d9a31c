package dev.beampipe.cli;

/** An error meant for the operator: printed as {@code Error: <message>} (with its causes), exit code 1. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
