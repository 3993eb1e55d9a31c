package dev.beampipe.api.sources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v2/sources} body (lenient about unknown fields, 20-api §1.5); {@code enabled} defaults to false (absent or null). */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = {"project_module", "source_identifier"})
public record SourceCreate(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String projectModule,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String sourceIdentifier,
        Boolean enabled) {
}
