package dev.beampipe.api.executions.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PATCH /executions/{id}} body: unknown fields and unknown statuses are rejected (422, 20-api §1.5). */
@Schema(name = "ExecutionPatchRequest", requiredProperties = {"status"})
public record ExecutionPatchRequest(@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) ExecutionStatus status) {
}
