package dev.beampipe.api.health;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.beampipe.api.errors.Diagnostic;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One named readiness check: {@code status} ({@code ok}, {@code error}, {@code skipped}) plus its details. */
@JsonPropertyOrder({"status", "message"})
@Schema(requiredProperties = "status", additionalProperties = Object.class,
        description = "status is ok, error or skipped; the other properties are the check's details")
public final class ReadyCheck {
    private final String status;
    private final String message;
    @Schema(hidden = true)
    private final Map<String, Object> details;
    @Schema(hidden = true)
    private final Diagnostic problem;

    private ReadyCheck(String status, String message, Map<String, Object> details, Diagnostic problem) {
        this.status = status;
        this.message = message;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.problem = problem;
    }

    static ReadyCheck ok(Map<String, Object> details) {
        return new ReadyCheck("ok", null, details, null);
    }

    static ReadyCheck error(String name, String code, String message, Map<String, Object> details) {
        return new ReadyCheck("error", message, details, Diagnostic.error(name, code, message));
    }

    static ReadyCheck skipped(String reason) {
        return new ReadyCheck("skipped", reason, Map.of(), null);
    }

    @JsonProperty("status")
    @Schema(enumeration = {"ok", "error", "skipped"})
    public String status() {
        return status;
    }

    @JsonProperty("message")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String message() {
        return message;
    }

    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> details() {
        return details;
    }

    @JsonIgnore
    @Schema(hidden = true)
    public boolean ok() {
        return "ok".equals(status);
    }

    /** The diagnostic for the 503 body when this check failed. */
    @JsonIgnore
    @Schema(hidden = true)
    public Optional<Diagnostic> problem() {
        return Optional.ofNullable(problem);
    }
}
