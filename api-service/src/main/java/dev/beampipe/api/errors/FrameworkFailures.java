package dev.beampipe.api.errors;

import static dev.beampipe.api.errors.FailureClass.UNSUPPORTED;
import static dev.beampipe.api.errors.FailureClass.VALIDATION;
import static dev.beampipe.api.errors.RetryDisposition.AFTER_REMEDIATION;

/** Failures for 4xx framework rejections with no dedicated kind (e.g. 406, 414, 431). */
final class FrameworkFailures {
    private FrameworkFailures() {
    }

    static Failure forStatus(int status) {
        return switch (status) {
            case 400 -> ApiErrors.badRequest("the request is invalid").failure();
            case 404 -> ApiErrors.notFound().failure();
            case 405 -> ApiErrors.methodNotAllowed().failure();
            case 406 -> new Failure("not_acceptable", "api", UNSUPPORTED, "the requested response media type is not available",
                    AFTER_REMEDIATION, ApiErrors.REJECTED, "accept application/json", null, null);
            case 413 -> ApiErrors.payloadTooLarge().failure();
            case 415 -> ApiErrors.unsupportedMediaType().failure();
            case 422 -> ApiErrors.unprocessable("the request body is invalid").failure();
            default -> new Failure("http_" + status, "api", VALIDATION, "the request was rejected with HTTP status " + status,
                    AFTER_REMEDIATION, ApiErrors.REJECTED, "correct the request and retry", null, null);
        };
    }
}
