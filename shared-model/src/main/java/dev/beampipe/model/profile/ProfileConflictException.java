package dev.beampipe.model.profile;

/** A write that would break a profile invariant (second default in a scope, duplicate name); API 409. */
public class ProfileConflictException extends RuntimeException {
    public ProfileConflictException(String message) {
        super(message);
    }
}
