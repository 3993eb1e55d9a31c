package dev.beampipe.api.errors;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** {@code Failure.retry} (20-api §1.4). */
public enum RetryDisposition {
    AUTOMATIC, SAFE, AFTER_REMEDIATION, UNSAFE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
