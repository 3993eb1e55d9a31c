package dev.beampipe.model.auth;

/** The username or email is already taken. */
public class UserExistsException extends RuntimeException {
    public UserExistsException(String message) {
        super(message);
    }
}
