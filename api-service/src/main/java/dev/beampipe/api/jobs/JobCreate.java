package dev.beampipe.api.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * {@code POST /api/v2/jobs} body. Lenient about unknown fields like the reference's {@code JobCreate}
 * (20-api §1.5); {@code kind} is required and must be a string.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = "kind")
public record JobCreate(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String kind,
        JsonNode payload,
        UUID executionId,
        String idempotencyKey) {
}
