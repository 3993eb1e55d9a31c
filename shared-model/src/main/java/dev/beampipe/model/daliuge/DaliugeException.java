package dev.beampipe.model.daliuge;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Translator Manager or Data Island Manager call failed ({@code DaliugeClientError}, 40-backends §2.9).
 *
 * <p>{@link #ambiguous()} is what the execute job must look at before deciding a submission failed: it is
 * {@code false} only when the request was definitely not applied (connection refused, a 4xx, a 555 whose
 * nested exceptions are all precondition failures such as {@code InvalidSessionState}); a timeout, a
 * connection lost after sending, a bottle 500, a proxy 5xx or an unreadable 2xx leave it {@code true}.
 */
public final class DaliugeException extends Exception {

    private final DaliugeComponent component;
    private final DaliugeOperation operation;
    private final String endpoint;
    private final DaliugeErrorKind kind;
    private final Integer httpStatus;
    private final boolean retryable;
    private final boolean ambiguous;
    private final String responseExcerpt;
    private final ManagerError managerError;

    DaliugeException(DaliugeComponent component, DaliugeOperation operation, String endpoint, DaliugeErrorKind kind,
                     String message, Integer httpStatus, boolean retryable, boolean ambiguous,
                     String responseExcerpt, ManagerError managerError, Throwable cause) {
        super(message, cause);
        this.component = component;
        this.operation = operation;
        this.endpoint = endpoint;
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.ambiguous = ambiguous;
        this.responseExcerpt = responseExcerpt == null || responseExcerpt.isEmpty() ? null : responseExcerpt;
        this.managerError = managerError;
    }

    public DaliugeComponent component() {
        return component;
    }

    public DaliugeOperation operation() {
        return operation;
    }

    public String endpoint() {
        return endpoint;
    }

    public DaliugeErrorKind kind() {
        return kind;
    }

    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The same call may succeed later (transport trouble, 5xx, 408, 429). */
    public boolean retryable() {
        return retryable;
    }

    /** The request may have been applied even though it failed (see the class comment). */
    public boolean ambiguous() {
        return ambiguous;
    }

    /** The first 1024 bytes of the response body (lossy UTF-8), when there was a non-empty one. */
    public Optional<String> responseExcerpt() {
        return Optional.ofNullable(responseExcerpt);
    }

    /** The manager's {@code {"type","args"}} envelope (a 555 nests one per node manager). */
    public Optional<ManagerError> managerError() {
        return Optional.ofNullable(managerError);
    }

    /** The session does not exist: HTTP 404, or a 555 wrapping {@code NoSessionException} (decision 10). */
    public boolean sessionNotFound() {
        return kind == DaliugeErrorKind.NOT_FOUND;
    }

    /** The manager refused because the session is in the wrong state ({@code InvalidSessionState}). */
    public boolean invalidSessionState() {
        return managerError != null && managerError.involves("InvalidSessionState");
    }

    @Override
    public String toString() {
        return "DaliugeException[" + component.wire() + " " + operation.wire() + " " + kind.wire()
                + (ambiguous ? " ambiguous" : "") + "]: " + getMessage();
    }
}
