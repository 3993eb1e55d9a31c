package dev.beampipe.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The structured failure inside every {@link ApiErrorResponse} (20-api §1.4). */
@Schema(requiredProperties = {"code", "component", "class", "message", "retry", "system_action"})
public record Failure(
        String code,
        String component,
        @JsonProperty("class") FailureClass failureClass,
        String message,
        RetryDisposition retry,
        String systemAction,
        @JsonInclude(JsonInclude.Include.NON_NULL) String operatorAction,
        @JsonInclude(JsonInclude.Include.NON_NULL) String logReference,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Diagnostic> diagnostics) {

    public Failure {
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    public Failure withDiagnostics(List<Diagnostic> more) {
        return new Failure(code, component, failureClass, message, retry, systemAction, operatorAction, logReference, more);
    }
}
