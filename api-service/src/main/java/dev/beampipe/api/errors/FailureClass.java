package dev.beampipe.api.errors;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** {@code Failure.class} (20-api §1.4). */
public enum FailureClass {
    VALIDATION, CONFIGURATION, AUTHENTICATION, AUTHORIZATION, NOT_FOUND, CONFLICT, DEPENDENCY_UNAVAILABLE,
    CONNECTIVITY, TIMEOUT, RATE_LIMITED, UNSUPPORTED, CANCELLED, INCONSISTENT_STATE, INTERNAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
