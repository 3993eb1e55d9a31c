package dev.beampipe.model.ledger.control;

/**
 * Why an execution-control operation was refused, in the reference's error vocabulary (20-api §1.4): the HTTP
 * status, {@code failure.code}, component, class and the fixed system/operator actions. The API renders it as-is.
 */
public record ControlFailure(
        int status,
        String code,
        String component,
        String failureClass,
        String message,
        String systemAction,
        String operatorAction) {

    public static ControlFailure notFound() {
        return new ControlFailure(404, "not_found", "api", "not_found", "the requested resource was not found",
                "the request was not applied", "check the resource identifier and try again");
    }

    public static ControlFailure badRequest(String message) {
        return new ControlFailure(400, "bad_request", "api", "validation", message,
                "the request was rejected before execution", "correct the request using the reported message and retry");
    }

    public static ControlFailure conflict(String message) {
        return new ControlFailure(409, "conflict", "api", "inconsistent_state", message,
                "the request was not applied", "refresh the resource state before trying another operation");
    }

    public static ControlFailure retryRejected(String code, String message) {
        return new ControlFailure(409, code, "execution_retry", "inconsistent_state", message,
                "no retry job was created and no external work was repeated",
                "reconcile external state or create a new execution as indicated");
    }

    public static ControlFailure abandonmentInvalid(String code, String message) {
        return new ControlFailure(400, code, "submission_abandonment", "validation", message,
                "the unresolved submission was not abandoned",
                "correct the request and retry only after reviewing orphan risk");
    }

    public static ControlFailure abandonmentConflict(String code, String message) {
        return new ControlFailure(409, code, "submission_abandonment", "inconsistent_state", message,
                "the unresolved submission was not abandoned",
                "refresh the execution and review its reconciliation evidence");
    }

    public ControlRejected rejected() {
        return new ControlRejected(this);
    }
}
