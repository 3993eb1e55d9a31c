package dev.beampipe.api.daliuge;

import dev.beampipe.api.errors.ApiException;
import dev.beampipe.api.errors.Failure;
import dev.beampipe.api.errors.FailureClass;
import dev.beampipe.api.errors.RetryDisposition;

import java.util.Locale;

/**
 * A failed call to a DALiuGE manager (40-backends §2.9), answered as 502 {@code daliuge.<kind>} (20-api §1.4).
 * The message never carries the response body or the URL's credentials.
 */
public final class DaliugeException extends RuntimeException {
    public enum Kind {
        CONNECTIVITY, TIMEOUT, HTTP_STATUS, INVALID_RESPONSE, COMPATIBILITY, CONFLICT, NOT_FOUND
    }

    private final Kind kind;
    private final String component;
    private final boolean retryable;

    public DaliugeException(Kind kind, String component, String message, boolean retryable) {
        super(message, null, false, false);
        this.kind = kind;
        this.component = component;
        this.retryable = retryable;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code daliuge.connectivity}, {@code daliuge.httpstatus}, ...: the variant name lower-cased, without separators. */
    public String code() {
        return "daliuge." + kind.name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    public ApiException toApi() {
        FailureClass failureClass = switch (kind) {
            case CONNECTIVITY -> FailureClass.CONNECTIVITY;
            case TIMEOUT -> FailureClass.TIMEOUT;
            case COMPATIBILITY, INVALID_RESPONSE -> FailureClass.UNSUPPORTED;
            case CONFLICT -> FailureClass.CONFLICT;
            case NOT_FOUND -> FailureClass.NOT_FOUND;
            case HTTP_STATUS -> FailureClass.DEPENDENCY_UNAVAILABLE;
        };
        String operatorAction = switch (kind) {
            case CONNECTIVITY, TIMEOUT -> "check that the DALiuGE manager is running and reachable from the API host, then inspect again";
            case COMPATIBILITY, INVALID_RESPONSE -> "check that the URL points at a DALiuGE manager with a supported API";
            case CONFLICT -> "inspect the existing DALiuGE session before retrying";
            case NOT_FOUND -> "check the DALiuGE URL and the session identifier";
            case HTTP_STATUS -> "read the DALiuGE manager logs for the reported HTTP status";
        };
        return new ApiException(502, new Failure(code(), component, failureClass, getMessage(),
                retryable ? RetryDisposition.SAFE : RetryDisposition.AFTER_REMEDIATION,
                retryable ? "Beampipe will retain current state and retry or reconcile the operation"
                        : "Beampipe will retain current state until configuration is corrected",
                operatorAction, null, null));
    }
}
