package dev.beampipe.api.errors;

import java.util.List;

import static dev.beampipe.api.errors.FailureClass.*;
import static dev.beampipe.api.errors.RetryDisposition.*;

/**
 * The error kinds of 20-api §1.4 and the codes we chose for the framework rejections the reference answers
 * in plain text (§1.1, §1.3; "Decisions on the remaining open points").
 */
public final class ApiErrors {
    static final String REJECTED = "the request was rejected before execution";
    static final String NOT_APPLIED = "the request was not applied";
    static final String LOG_REFERENCE = "Beampipe API structured logs for this request";

    private ApiErrors() {
    }

    public static ApiException notFound() {
        return new ApiException(404, new Failure("not_found", "api", NOT_FOUND, "the requested resource was not found",
                AFTER_REMEDIATION, NOT_APPLIED, "check the resource identifier and try again", null, null));
    }

    public static ApiException methodNotAllowed() {
        return new ApiException(405, new Failure("method_not_allowed", "api", UNSUPPORTED,
                "the request method is not allowed for this resource", AFTER_REMEDIATION, REJECTED,
                "use one of the methods listed in the Allow header", null, null));
    }

    /** 400 as the reference words it when a JSON body is absent (Jackson binds an empty body to {@code null}). */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw badRequest("Failed to parse the request body as JSON: the body is empty");
        }
        return body;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, new Failure("bad_request", "api", VALIDATION, message, AFTER_REMEDIATION, REJECTED,
                "correct the request using the reported message and retry", null, null));
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, new Failure("conflict", "api", INCONSISTENT_STATE, message, AFTER_REMEDIATION,
                NOT_APPLIED, "refresh the resource state before trying another operation", null, null));
    }

    /** A project config that does not validate; {@code diagnostics} are the report's errors. */
    public static ApiException projectConfigValidation(List<Diagnostic> diagnostics) {
        return new ApiException(400, new Failure("project_config_validation_failed", "project_config", VALIDATION,
                "project config validation failed", AFTER_REMEDIATION, "the project configuration was not activated",
                "correct the reported configuration paths and retry", null, diagnostics));
    }

    /** A project config that cannot be read into the typed model at all (e.g. a stored spec the binder now rejects). */
    public static ApiException projectConfigParse(String message) {
        return new ApiException(400, new Failure("project_config_parse_failed", "project_config", CONFIGURATION, message,
                AFTER_REMEDIATION, "the project configuration was not loaded",
                "validate the project file and correct the reported syntax", null, null));
    }

    /** An uploaded WASM module that is empty or malformed. */
    public static ApiException wasmValidation(String message) {
        return new ApiException(400, new Failure("wasm_validation_failed", "project_wasm", VALIDATION, message,
                AFTER_REMEDIATION, "the WASM module was not stored or executed",
                "correct or rebuild the module, then validate it again", null, null));
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(422, new Failure("unprocessable_entity", "api", VALIDATION, message, AFTER_REMEDIATION,
                REJECTED, "correct the request body to match the documented schema and retry", null, null));
    }

    public static ApiException unsupportedMediaType() {
        return new ApiException(415, new Failure("unsupported_media_type", "api", VALIDATION,
                "Expected request with `Content-Type: application/json`", AFTER_REMEDIATION, REJECTED,
                "send the body as application/json", null, null));
    }

    public static ApiException payloadTooLarge() {
        return new ApiException(413, new Failure("payload_too_large", "api", VALIDATION,
                "the request body exceeds the 2 MiB limit", AFTER_REMEDIATION, REJECTED,
                "send a smaller request body", null, null));
    }

    public static ApiException serviceUnavailable(List<Diagnostic> diagnostics) {
        return new ApiException(503, new Failure("service_unavailable", "beampipe", DEPENDENCY_UNAVAILABLE,
                "the service is temporarily unavailable", SAFE, NOT_APPLIED,
                "run `beampipe doctor` and retry when dependencies are healthy", null, diagnostics));
    }

    public static ApiException database() {
        return new ApiException(500, new Failure("database_error", "postgres", DEPENDENCY_UNAVAILABLE,
                "the database operation failed", SAFE, "the request failed; Beampipe did not report it as successful",
                "check database health with `beampipe doctor` before retrying", LOG_REFERENCE, null));
    }

    /** Every authentication failure looks the same: the reason is never returned (20-api §8 item 2). */
    public static ApiException unauthorized() {
        return new ApiException(401, new Failure("unauthorized", "authentication", AUTHENTICATION, "authentication failed",
                AFTER_REMEDIATION, "the request was not authorized", "authenticate again with valid credentials", null, null));
    }

    public static ApiException forbidden() {
        return new ApiException(403, new Failure("forbidden", "authorization", AUTHORIZATION, "superuser required",
                AFTER_REMEDIATION, "the requested operation was not applied", "use an account with the required role", null, null));
    }

    public static ApiException tooManyRequests() {
        return new ApiException(429, new Failure("rate_limit_exceeded", "api", RATE_LIMITED,
                "the request rate limit was exceeded", SAFE, "the request was rejected without changing state",
                "wait for the rate-limit window before retrying", null, null));
    }

    public static ApiException internal() {
        return new ApiException(500, new Failure("internal", "api", INTERNAL, "an unexpected internal error occurred",
                AFTER_REMEDIATION, "the request failed; Beampipe did not report it as successful",
                "look up the request id in the API logs and report the error", LOG_REFERENCE, null));
    }
}
