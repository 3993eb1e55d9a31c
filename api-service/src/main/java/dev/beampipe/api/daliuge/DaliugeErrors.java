package dev.beampipe.api.daliuge;

import dev.beampipe.api.errors.ApiException;
import dev.beampipe.api.errors.Failure;
import dev.beampipe.api.errors.FailureClass;
import dev.beampipe.api.errors.RetryDisposition;
import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.secrets.Redaction;

/**
 * A failed call to a DALiuGE manager (40-backends §2.9) answered as 502 {@code daliuge.<kind>} (20-api §1.4). The
 * message is the client's (never the response body or URL credentials).
 */
public final class DaliugeErrors {
    private DaliugeErrors() {
    }

    public static ApiException toApi(DaliugeException e) {
        FailureClass failureClass = switch (e.kind()) {
            case CONNECTIVITY -> FailureClass.CONNECTIVITY;
            case TIMEOUT -> FailureClass.TIMEOUT;
            case COMPATIBILITY, INVALID_RESPONSE -> FailureClass.UNSUPPORTED;
            case CONFLICT -> FailureClass.CONFLICT;
            case NOT_FOUND -> FailureClass.NOT_FOUND;
            case HTTP_STATUS -> FailureClass.DEPENDENCY_UNAVAILABLE;
        };
        String operatorAction = switch (e.kind()) {
            case CONNECTIVITY, TIMEOUT -> "check that the DALiuGE manager is running and reachable from the API host, then inspect again";
            case COMPATIBILITY, INVALID_RESPONSE -> "check that the URL points at a DALiuGE manager with a supported API";
            case CONFLICT -> "inspect the existing DALiuGE session before retrying";
            case NOT_FOUND -> "check the DALiuGE URL and the session identifier";
            case HTTP_STATUS -> "read the DALiuGE manager logs for the reported HTTP status";
        };
        boolean retryable = e.retryable();
        return new ApiException(502, new Failure(e.kind().operatorCode(), e.component().wire(), failureClass,
                Redaction.string(e.getMessage()), retryable ? RetryDisposition.SAFE : RetryDisposition.AFTER_REMEDIATION,
                retryable ? "Beampipe will retain current state and retry or reconcile the operation"
                        : "Beampipe will retain current state until configuration is corrected",
                operatorAction, null, null));
    }
}
