package dev.beampipe.model.alerts;

/** A write the alerting tables refuse for a reason the operator can fix (duplicate name, unknown channel ids). */
public class AlertConflictException extends RuntimeException {
    public AlertConflictException(String message) {
        super(message);
    }
}
