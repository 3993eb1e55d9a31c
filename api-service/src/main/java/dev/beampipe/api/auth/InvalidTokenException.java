package dev.beampipe.api.auth;

/** A token that does not verify; the reason is for logs and tests, never for the response. */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
