package dev.beampipe.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One finding with a path (20-api §1.4); {@code severity} is {@code error} or {@code warning}. */
@Schema(requiredProperties = {"path", "severity", "code", "message"})
public record Diagnostic(String path, String severity, String code, String message,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String hint) {

    public static Diagnostic error(String path, String code, String message) {
        return new Diagnostic(path, "error", code, message, null);
    }
}
