package dev.beampipe.api.workers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** {@code POST /api/v2/workers} body; lenient about unknown fields like the reference's type (20-api §1.5). */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = {"instance_name", "host", "version"})
public record WorkerRegisterRequest(
        UUID id,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String instanceName,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String host,
        Integer processId,
        String role,
        String pool,
        List<String> capabilities,
        @Schema(implementation = Object.class) JsonNode labels,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String version,
        Integer concurrencyLimit) {
}
