package dev.beampipe.api.executions.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /executions/{id}/retry} body; lenient about unknown fields like the reference's type (20-api §1.5). */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = {"reason"})
public record ExecutionRetryRequest(
        @Schema(description = "Required operator recovery rationale, stored in the provenance stream.")
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String reason) {
}
