package dev.beampipe.api.graphs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** {@code POST /graphs/prepare} body (lenient about unknown fields, 20-api §1.5). */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = {"project_module", "source_identifiers"})
public record GraphPrepareRequest(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String projectModule,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL) List<String> sourceIdentifiers) {
}
